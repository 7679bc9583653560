package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.criteria.CriteriaFixtures.leaf;
import static press.crm.segments.criteria.CriteriaFixtures.op;
import static press.crm.segments.criteria.CriteriaFixtures.tree;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.Server;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.TokenMinter;
import press.crm.segments.db.Database;
import press.crm.segments.demo.DemoSeeder;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** The criteria endpoints on a real server over the demo data (no auth on this branch). */
class CriteriaRoutesTest {

  private static final String BASE = "/api/v1/segments/";

  private static TestDatabase db;
  private static Vertx vertx;
  private static Server server;
  private static String token;
  private static WebClient client;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = ServerVertx.create();
    JsonObject json = TestConfig.forDatabase(db);
    json.getJsonObject("segments").put("nesting", true);
    AppConfig config = AppConfig.from(json);
    Pool pool = Database.pool(vertx, config.database(), "seed");
    Await.result(DemoSeeder.seed(vertx, pool, config, 500).eventually(pool::close));
    server = Await.result(Server.start(vertx, config));
    token = new TokenMinter(vertx, config.auth())
        .mint("tests", "admin", Duration.ofHours(1), UUID.randomUUID().toString());
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static HttpResponse<Buffer> post(String endpoint, Object body) {
    Buffer buffer = body instanceof Buffer raw ? raw
        : body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(String.valueOf(body));
    return Await.result(client.post(server.httpPort(), "localhost", BASE + endpoint)
        .bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json").sendBuffer(buffer));
  }

  private static JsonObject request(JsonObject criteria) {
    return new JsonObject().put("table_name", "users").put("criteria", criteria);
  }

  private static JsonObject activeAndWeb() {
    return tree(op("AND", leaf("active", false, new JsonObject().put("active", true)),
        leaf("source", false, new JsonObject().put("source", new JsonArray().add("web")))));
  }

  @Test
  void blueprintDescribesEveryCriterionWithTypedParamsAndLiveSegmentCodes() {
    HttpResponse<Buffer> response = Await.result(client.get(server.httpPort(), "localhost",
        BASE + "criteria")
        .bearerTokenAuthentication(token).send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject users = response.bodyAsJsonObject().getJsonArray("blueprint").getJsonObject(0);
    assertThat(users.getString("table")).isEqualTo("users");
    assertThat(users.getJsonArray("fields").getList())
        .containsExactly("id", "email", "active", "source", "created_at");
    List<String> keys = new ArrayList<>();
    Map<String, JsonObject> byKey = new java.util.HashMap<>();
    users.getJsonArray("criteria").forEach(c -> {
      keys.add(((JsonObject) c).getString("key"));
      byKey.put(((JsonObject) c).getString("key"), (JsonObject) c);
    });
    assertThat(keys).containsExactly("active", "email", "source", "created_at", "subscription",
        "payment", "segment");
    assertThat(byKey.get("active").getJsonObject("params").getJsonObject("active").getMap())
        .containsEntry("type", "boolean").containsEntry("required", true)
        .containsEntry("default", true).containsEntry("label", "Active account")
        .containsKeys("help", "group");
    assertThat(byKey.get("payment").getJsonArray("fields").getList())
        .containsExactly("amount_sum", "payment_count");
    assertThat(byKey.get("source").getJsonObject("params").getJsonObject("source")
        .getJsonArray("options").getList()).contains("web", "ios");
    JsonArray codes = byKey.get("segment").getJsonObject("params").getJsonObject("segment")
        .getJsonArray("options");
    assertThat(codes.size()).isEqualTo(db.queryLong("SELECT count(*) FROM segments.segments"
        + " WHERE deleted_at IS NULL AND table_name = 'users'")).isEqualTo(9);
    assertThat(codes.getList()).contains("all_users", "demo_active_web_users");
  }

  @Test
  void countsEvaluatesUnsavedCriteriaWithoutStoringAnything() {
    long segments = db.queryLong("SELECT count(*) FROM segments.segments");

    HttpResponse<Buffer> response = post("counts", request(activeAndWeb()));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("ok");
    assertThat(body.getLong("count")).isPositive().isEqualTo(
        db.queryLong("SELECT count(*) FROM users WHERE active AND source = 'web'"));
    assertThat(body.getString("query")).contains("LEFT JOIN").doesNotContain("%table%");
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments")).isEqualTo(segments);
  }

  @Test
  void itemsListsTheFirstHundredMembersWithTheChosenFields() {
    JsonObject body = request(tree(leaf("active", false, new JsonObject().put("active", true))))
        .put("fields", new JsonArray().add("email").add("source"));

    HttpResponse<Buffer> response = post("items", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ok");
    assertThat(response.bodyAsJsonObject().getString("query")).contains("LEFT JOIN");
    assertThat(data).hasSize(CriteriaRoutes.ITEMS_LIMIT);
    JsonObject first = data.getJsonObject(0);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "email", "source");
    assertThat(db.queryLong("SELECT count(*) FROM users WHERE active AND id = "
        + first.getLong("id") + " AND email = '" + first.getString("email") + "'")).isOne();
  }

  @Test
  void relatedFindsUpToFiveSavedSegmentsUsingTheSameCriteria() {
    db.execute("INSERT INTO segments.segments (version, name, code, table_name, fields,"
        + " query_string, criteria, segment_group_id, deleted_at)"
        + " SELECT 2, 'Copy ' || g, 'related_copy_' || g, 'users', '{id,email}', query_string,"
        + " criteria, segment_group_id, CASE WHEN g = 7 THEN now() END"
        + " FROM segments.segments, generate_series(1, 7) g"
        + " WHERE code = 'demo_active_web_users'");
    JsonObject reordered = tree(op("OR",
        leaf("source", false, new JsonObject().put("source", new JsonArray().add("web"))),
        leaf("active", false, new JsonObject())));

    HttpResponse<Buffer> response = post("related", request(reordered));
    HttpResponse<Buffer> different = post("related", request(tree(
        leaf("active", false, new JsonObject().put("active", false)),
        leaf("source", false, new JsonObject().put("source", new JsonArray().add("web"))))));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray segments = response.bodyAsJsonObject().getJsonArray("segments");
    assertThat(segments).hasSize(CriteriaRoutes.RELATED_LIMIT);
    List<String> codes = new ArrayList<>();
    segments.forEach(s -> codes.add(((JsonObject) s).getString("code")));
    assertThat(codes).allMatch(code -> code.startsWith("related_copy_") || code.startsWith("demo_"))
        .doesNotContain("related_copy_7", "demo_paid_last_30_days");
    assertThat(segments.getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "name", "code", "created_at");
    assertThat(different.statusCode()).isEqualTo(200);
    assertThat(different.bodyAsJsonObject().getJsonArray("segments")).isEmpty();
  }

  @Test
  void nestedSegmentCriterionCountsMembersOfTheReferencedSegments() {
    JsonObject criteria = tree(leaf("segment", false, new JsonObject().put("segment",
        new JsonArray().add("users_without_subscriptions").add("users_with_any_subscriptions"))));

    HttpResponse<Buffer> response = post("counts", request(criteria));
    HttpResponse<Buffer> missing = post("counts", request(tree(leaf("segment", false,
        new JsonObject().put("segment", new JsonArray().add("no_such_segment"))))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getLong("count")).isEqualTo(500);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("invalid_input");
    assertThat(missing.bodyAsJsonObject().getString("message")).contains("no_such_segment");
  }

  @Test
  void badInputIsA400NamingTheFieldAndChangesNothing() {
    long users = db.queryLong("SELECT count(*) FROM users");
    long segments = db.queryLong("SELECT count(*) FROM segments.segments");
    JsonObject deep = leaf("active", false, new JsonObject());
    for (int i = 0; i < 11; i++) {
      deep = op("AND", deep);
    }
    JsonArray many = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      many.add("web");
    }
    JsonObject[] wide = java.util.Collections.nCopies(101, leaf("active", false,
        new JsonObject())).toArray(JsonObject[]::new);
    Map<Object, String> cases = new java.util.LinkedHashMap<>();
    cases.put("{\"table_name\": ", "body");
    cases.put("", "body");
    cases.put("[1, 2]", "body");
    cases.put(new JsonObject().put("criteria", activeAndWeb()), "table_name");
    cases.put(new JsonObject().put("table_name", 5).put("criteria", activeAndWeb()),
        "table_name");
    cases.put(request(activeAndWeb()).put("table_name", "pg_shadow"), "table_name");
    cases.put(request(activeAndWeb()).put("table_name", "users; DROP TABLE users"),
        "table_name");
    cases.put(new JsonObject().put("table_name", "users"), "criteria");
    cases.put(new JsonObject().put("table_name", "users").put("criteria", "active"), "criteria");
    cases.put(request(activeAndWeb()).put("query_string", "SELECT 1"), "query_string");
    cases.put(request(tree(leaf("nope", false, new JsonObject()))), "criteria");
    cases.put(request(tree(op("NAND", leaf("active", false, new JsonObject())))), "criteria");
    cases.put(request(activeAndWeb().put("version", "2")), "criteria");
    cases.put(request(tree(deep)), "criteria");
    cases.put(request(tree(wide)), "criteria");
    cases.put(request(tree(leaf("source", false, new JsonObject().put("source", many)))),
        "criteria");
    cases.put(request(tree(leaf("source", false, new JsonObject().put("source",
        new JsonArray().add("web'; DROP TABLE users; --"))))), "criteria");
    cases.put(request(tree(leaf("active", false, new JsonObject().put("active", "1 OR 1=1")))),
        "criteria");
    cases.put(request(tree(leaf("created_at", false, new JsonObject().put("created_at",
        new JsonObject().put("gt", "2024-13-45"))))), "criteria");

    for (Map.Entry<Object, String> bad : cases.entrySet()) {
      HttpResponse<Buffer> response = post("counts", bad.getKey());

      assertThat(response.statusCode()).as("%s", bad.getKey()).isEqualTo(400);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("error");
      assertThat(body.getString("code")).isEqualTo("invalid_input");
      assertThat(body.getString("message")).isNotBlank();
      assertThat(body.getJsonObject("errors").fieldNames()).as("%s", bad.getKey())
          .containsExactly(bad.getValue());
    }
    assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(users);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments")).isEqualTo(segments);
  }

  @Test
  void itemsShowsTimestampAndBooleanFields() {
    HttpResponse<Buffer> response = post("items", request(activeAndWeb())
        .put("fields", new JsonArray().add("created_at").add("active")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject first = response.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
    assertThat(first.getBoolean("active")).isTrue();
    assertThat(first.getString("created_at")).isEqualTo(db.queryString("SELECT"
        + " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        + " FROM users WHERE id = " + first.getLong("id")).substring(0, 19) + "Z");
  }

  @Test
  void itemsRefusesFieldsTheTableDoesNotOffer() {
    HttpResponse<Buffer> response = post("items", request(activeAndWeb())
        .put("fields", new JsonArray().add("password")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonObject("errors").getJsonArray("fields")
        .getString(0)).contains("Selectable fields of users");
  }

  @Test
  void bodiesOverTheLimitAre413() {
    String huge = "{\"table_name\": \"users\", \"criteria\": \"" + "x".repeat(1_100_000) + "\"}";

    HttpResponse<Buffer> response = post("counts", Buffer.buffer(huge));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("payload_too_large");
  }
}
