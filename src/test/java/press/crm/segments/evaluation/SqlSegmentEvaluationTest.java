package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.EvaluationFixture;

/** Version-1 segments through the event bus: placeholders, raw queries and each operation. */
class SqlSegmentEvaluationTest {

  private static EvaluationFixture fixture;

  @BeforeAll
  static void start() {
    fixture = EvaluationFixture.start(30, config -> { });
    DemoTables.segment(fixture.db, "active", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.active GROUP BY %group_by%");
    DemoTables.segment(fixture.db, "raw_range", "users",
        "SELECT users.id, users.email FROM users WHERE id > 10 AND id < 20");
    DemoTables.segment(fixture.db, "subscribers", "users",
        "SELECT %fields% FROM %table% JOIN subscriptions s ON s.user_id = %table%.id"
            + " WHERE %where% GROUP BY %group_by%");
    DemoTables.segment(fixture.db, "bare_id", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND id <= 5");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static long count(String code) {
    return fixture.call(BusContract.COUNT, new JsonObject().put("code", code)).getLong("count");
  }

  private static boolean check(String code, String type, String value) {
    return fixture.call(BusContract.CHECK, new JsonObject().put("code", code)
        .put("resolver_type", type).put("resolver_value", value)).getBoolean("check");
  }

  @Test
  void placeholdersExpandToTheTableItsFieldsAndANeutralCondition() {
    JsonObject reply = fixture.call(BusContract.COUNT, new JsonObject().put("code", "active"));

    assertThat(reply.getLong("count")).isEqualTo(20);
    assertThat(reply.getString("query"))
        .isEqualTo("SELECT users.id, users.email FROM users WHERE 1=1 AND users.active"
            + " GROUP BY users.id, users.email");
    assertThat(reply.getDouble("time")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aBareIdFieldIsQualifiedSoJoinsStayUnambiguous() {
    assertThat(count("subscribers")).isEqualTo(15);
    assertThat(count("bare_id")).isEqualTo(5);
  }

  @Test
  void aQueryWithoutPlaceholdersIsWrappedAndFilteredOutside() {
    assertThat(count("raw_range")).isEqualTo(9);
    assertThat(check("raw_range", "id", "15")).isTrue();
    assertThat(check("raw_range", "id", "25")).isFalse();
    assertThat(check("raw_range", "email", "user11@example.com")).isTrue();
  }

  @Test
  void checkByIdInjectsTheConditionThroughWhere() {
    assertThat(check("active", "id", "1")).isTrue();
    assertThat(check("active", "id", "3")).isFalse();
    assertThat(check("active", "id", " 2 ")).isTrue();
  }

  @Test
  void checkByEmailFindsMembersOnly() {
    assertThat(check("subscribers", "email", "user4@example.com")).isTrue();
    assertThat(check("subscribers", "email", "user5@example.com")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "1 OR 1=1", "1; DROP TABLE users", "", "99999999999999999999",
      "0x10"})
  void anIdThatIsNotAnIntegerIsSimplyNotAMember(String value) {
    assertThat(check("active", "id", value)).isFalse();
    assertThat(fixture.db.queryLong("SELECT count(*) FROM users")).isEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"' OR '1'='1", "user1@example.com' --", "x'); DELETE FROM users; --",
      "\\' OR 1=1", "user1@example.com\u0000"})
  void hostileEmailsAreBoundAsValuesNotSql(String value) {
    assertThat(check("active", "email", value)).isFalse();
    assertThat(fixture.db.queryLong("SELECT count(*) FROM users")).isEqualTo(30);
  }

  @Test
  void anUnknownUserIsNotAMember() {
    assertThat(check("active", "id", "100000")).isFalse();
    assertThat(check("active", "email", "nobody@example.com")).isFalse();
  }

  @Test
  void unknownSegmentAndUnknownResolverAreCodedFailures() {
    Throwable missing = Await.failure(fixture.request(BusContract.CHECK, new JsonObject()
        .put("code", "nope").put("resolver_type", "id").put("resolver_value", "1")));
    Throwable resolver = Await.failure(fixture.request(BusContract.CHECK, new JsonObject()
        .put("code", "active").put("resolver_type", "phone").put("resolver_value", "1")));

    assertThat(FailureCode.of(missing)).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(FailureCode.of(resolver)).isEqualTo(FailureCode.INVALID);
  }

  @Test
  void itemsReturnTheFirstMembersWithTheAskedFields() {
    JsonObject reply = fixture.call(BusContract.ITEMS, new JsonObject().put("code", "active")
        .put("fields", new JsonArray().add("email").add("active")).put("limit", 3));

    JsonArray data = reply.getJsonArray("data");
    assertThat(data).hasSize(3);
    assertThat(data.getJsonObject(0).getMap())
        .containsEntry("id", 1L).containsEntry("email", "user1@example.com")
        .containsEntry("active", true);
    assertThat(data.getJsonObject(2).getLong("id")).isEqualTo(4);
  }

  @Test
  void itemsRefuseAFieldTheTableDoesNotOffer() {
    Throwable failure = Await.failure(fixture.request(BusContract.ITEMS, new JsonObject()
        .put("code", "active").put("fields", new JsonArray().add("password")).put("limit", 3)));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(failure).hasMessageContaining("password");
  }

  @Test
  void anUnsavedDefinitionCanBeCounted() {
    JsonObject definition = new JsonObject().put("table_name", "users").put("version", 1)
        .put("query_string", "SELECT %fields% FROM %table% WHERE %where% AND id % 10 = 0");

    JsonObject reply = fixture.call(BusContract.COUNT, new JsonObject().put("definition", definition));

    assertThat(reply.getLong("count")).isEqualTo(3);
  }

  @Test
  void membersStreamInPrimaryKeyOrderInBatches() {
    List<Long> ids = new ArrayList<>();
    String stream = fixture.call(BusContract.MEMBERS_OPEN, new JsonObject()
        .put("code", "active").put("fields", new JsonArray().add("id").add("email")))
        .getString("stream");

    boolean done = false;
    int batches = 0;
    while (!done) {
      JsonObject batch = fixture.call(stream, new JsonObject());
      for (Object row : batch.getJsonArray("rows")) {
        JsonObject member = (JsonObject) row;
        ids.add(member.getLong("id"));
        assertThat(member.getString("email")).isEqualTo("user" + member.getLong("id") + "@example.com");
      }
      done = batch.getBoolean("done");
      batches++;
    }

    assertThat(ids).hasSize(20).isSorted().doesNotHaveDuplicates();
    assertThat(batches).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aStreamClosedEarlyStopsAnsweringAndReleasesItsConnection() {
    for (int i = 0; i < 10; i++) {
      String stream = fixture.call(BusContract.MEMBERS_OPEN, new JsonObject().put("code", "active"))
          .getString("stream");
      JsonObject closed = fixture.call(stream, new JsonObject().put("close", true));
      assertThat(closed.getBoolean("done")).isTrue();
      Throwable gone = Await.failure(fixture.request(stream, new JsonObject()));
      assertThat(gone).isInstanceOf(ReplyException.class);
    }

    assertThat(count("active")).isEqualTo(20);
  }
}
