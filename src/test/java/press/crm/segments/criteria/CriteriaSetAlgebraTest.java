package press.crm.segments.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.criteria.CriteriaFixtures.leaf;
import static press.crm.segments.criteria.CriteriaFixtures.op;
import static press.crm.segments.criteria.CriteriaFixtures.tree;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;
import press.crm.segments.demo.DemoSeeder;
import press.crm.segments.evaluation.EvaluationVerticle;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/**
 * Criteria segments counted by the real evaluation verticle on the demo data: the set algebra
 * that must hold whatever the data, and agreement with hand-written SQL.
 */
class CriteriaSetAlgebraTest {

  private static final int USERS = 2000;
  private static final String HOSTILE_EMAIL = "o'brien%where%\\x$$--@example.com";

  private static TestDatabase db;
  private static Vertx vertx;
  private static long total;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("segments").put("nesting", true);
    AppConfig app = AppConfig.from(config);
    Pool pool = Database.pool(vertx, app.database(), "seed");
    Await.result(DemoSeeder.seed(vertx, pool, app, USERS).eventually(pool::close));
    db.execute("INSERT INTO users (id, email, first_name, last_name, active, source, created_at)"
        + " VALUES (" + (USERS + 1) + ", " + quote(HOSTILE_EMAIL) + ", 'O', 'B', TRUE, 'api',"
        + " now())");
    Await.result(vertx.deployVerticle(EvaluationVerticle.class.getName(),
        new DeploymentOptions().setConfig(config)));
    total = db.queryLong("SELECT count(*) FROM users");
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static long count(JsonObject criteria) {
    JsonObject definition = new JsonObject().put("table_name", "users").put("version", 2)
        .put("criteria", criteria).put("fields", new JsonArray().add("id").add("email"));
    return countRequest(new JsonObject().put(BusContract.Fields.DEFINITION, definition));
  }

  private static long countRequest(JsonObject request) {
    JsonObject reply = Await.result(vertx.eventBus().<JsonObject>request(BusContract.COUNT,
        request, new DeliveryOptions().setSendTimeout(30_000)).map(m -> m.body()));
    return reply.getLong(BusContract.Fields.COUNT);
  }

  private static JsonObject not(JsonObject node) {
    return node.copy().put("negation", !node.getBoolean("negation"));
  }

  private static JsonObject values(Object... pairs) {
    JsonObject values = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return values;
  }

  private static JsonObject daysAgo(String operator, int days) {
    return new JsonObject().put(operator,
        new JsonObject().put("unit", "day").put("value", -days));
  }

  private static final List<JsonObject> CRITERIA = List.of(
      leaf("active", false, values("active", true)),
      leaf("email", false, values("email", "anna")),
      leaf("source", false, values("source", new JsonArray().add("web").add("ios"))),
      leaf("created_at", false, values("created_at", daysAgo("gte", 365))),
      leaf("subscription", false, values("active", true)),
      leaf("subscription", false, values("type", new JsonArray().add("print"),
          "end_time", new JsonObject().put("lt", new JsonObject().put("unit", "now")))),
      leaf("payment", false, values("paid_at", daysAgo("gte", 90),
          "amount_sum", new JsonObject().put("gte", 10))),
      leaf("payment", false, values("payment_count", new JsonObject().put("gte", 2))));

  @Test
  void everyShippedCriterionAndItsNegationPartitionTheUsers() {
    for (JsonObject criterion : CRITERIA) {
      long matching = count(tree(criterion));
      long rest = count(tree(not(criterion)));

      assertThat(matching).as("%s", criterion).isPositive().isLessThan(total);
      assertThat(matching + rest).as("%s", criterion).isEqualTo(total);
      assertThat(count(tree(criterion, not(criterion)))).as("%s", criterion).isZero();
    }
  }

  @Test
  void unionPlusIntersectionIsTheSumOfBothSides() {
    for (int i = 0; i < CRITERIA.size(); i++) {
      JsonObject a = CRITERIA.get(i);
      JsonObject b = CRITERIA.get((i + 3) % CRITERIA.size());

      long union = count(tree(op("OR", a, b)));
      long intersection = count(tree(op("AND", a, b)));

      assertThat(union + intersection).as("%s / %s", a, b)
          .isEqualTo(count(tree(a)) + count(tree(b)));
    }
  }

  @Test
  void countsAgreeWithHandWrittenSql() {
    assertThat(count(tree(CRITERIA.get(0))))
        .isEqualTo(db.queryLong("SELECT count(*) FROM users WHERE active"));
    assertThat(count(tree(CRITERIA.get(2))))
        .isEqualTo(db.queryLong("SELECT count(*) FROM users WHERE source IN ('web', 'ios')"));
    assertThat(count(tree(CRITERIA.get(4)))).isEqualTo(db.queryLong("SELECT count(DISTINCT"
        + " user_id) FROM subscriptions WHERE start_time <= now() AND end_time > now()"));
    assertThat(count(tree(leaf("payment", false, values("paid_at", daysAgo("gte", 30))))))
        .isEqualTo(db.queryLong("SELECT count(DISTINCT user_id) FROM payments"
            + " WHERE status = 'paid' AND paid_at >= now() - INTERVAL '30 days'"));
    assertThat(count(tree(leaf("active", false, values("active", false)),
        op("OR", CRITERIA.get(2), not(CRITERIA.get(4)))))).isEqualTo(db.queryLong(
            "SELECT count(*) FROM users u WHERE NOT active AND (source IN ('web', 'ios')"
            + " OR NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.id"
            + " AND start_time <= now() AND end_time > now()))"));
  }

  @Test
  void hostileTextMatchesLiterallyAndTouchesNothing() {
    for (String text : List.of(HOSTILE_EMAIL, "o'brien%where%\\x", "%where%", "\\", "$$--")) {
      assertThat(count(tree(leaf("email", false, values("email", text))))).as(text).isOne();
    }
    for (String text : List.of("'; DROP TABLE users; --", "x') OR TRUE OR ('", "%table%",
        "%segment.all_users%", "\\'); SELECT pg_sleep(10); --", "/* */ ĽŠČ 🐎 \n\t")) {
      assertThat(count(tree(leaf("email", false, values("email", text))))).as(text).isZero();
    }
    assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(total);
  }

  @Test
  void segmentCriterionSelectsMembersOfAnyReferencedSegment() {
    String web = "demo_active_web_users";
    String active = "users_with_active_subscriptions";
    long webCount = countRequest(new JsonObject().put("code", web));
    long activeCount = countRequest(new JsonObject().put("code", active));
    JsonObject both = leaf("segment", false,
        values("segment", new JsonArray().add(web).add(active)));
    JsonObject inWeb = leaf("segment", false, values("segment", new JsonArray().add(web)));
    JsonObject inActive = leaf("segment", false, values("segment", new JsonArray().add(active)));

    assertThat(count(tree(inWeb))).isEqualTo(webCount).isPositive();
    assertThat(count(tree(not(inWeb)))).isEqualTo(total - webCount);
    assertThat(count(tree(both)) + count(tree(inWeb, inActive)))
        .isEqualTo(webCount + activeCount);
    assertThat(count(tree(inWeb, not(inActive)))).isEqualTo(webCount - count(tree(inWeb,
        inActive)));
  }

  @Test
  void everyCriterionPassesTheValidationSegmentsGetBeforeTheyAreSaved() {
    List<JsonObject> all = new java.util.ArrayList<>(CRITERIA);
    all.add(leaf("email", false, values("email", HOSTILE_EMAIL)));
    all.add(leaf("created_at", false, values("created_at", new JsonObject()
        .put("gte", "2020-01-01").put("lt", "2024-06-30T12:00:00+02:00"))));
    all.add(leaf("segment", true, values("segment", new JsonArray().add("all_users"))));
    for (JsonObject criterion : all) {
      JsonObject definition = new JsonObject().put("table_name", "users").put("version", 2)
          .put("criteria", tree(op("AND", criterion, not(criterion))));

      JsonObject reply = Await.result(vertx.eventBus().<JsonObject>request(
          BusContract.VALIDATE, new JsonObject().put("definition", definition))
          .map(m -> m.body()));

      assertThat(reply.getString("query_string")).as("%s", criterion).contains("LEFT JOIN");
      assertThat(reply.getString("suggested_name")).as("%s", criterion)
          .containsIgnoringCase("not ").contains(" and ");
    }
  }

  @Test
  void referenceToAMissingSegmentIsInvalid() {
    JsonObject missing = leaf("segment", false,
        values("segment", new JsonArray().add("no_such_segment")));

    Throwable failure = Await.failure(vertx.eventBus().request(BusContract.COUNT,
        new JsonObject().put("definition", new JsonObject().put("table_name", "users")
            .put("version", 2).put("criteria", tree(missing)))));

    assertThat(failure).isInstanceOf(ReplyException.class).hasMessageContaining("no_such_segment");
    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
  }
}
