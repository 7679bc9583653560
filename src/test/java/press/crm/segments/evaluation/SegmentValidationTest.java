package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.EvaluationFixture;

/** Save-time validation over the bus: the parser's rules plus the EXPLAIN dry run. */
class SegmentValidationTest {

  private static EvaluationFixture fixture;

  @BeforeAll
  static void start() {
    fixture = EvaluationFixture.start(5, config -> { });
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static JsonObject definition(String table, String sql) {
    return new JsonObject().put("definition", new JsonObject()
        .put("table_name", table).put("version", 1).put("query_string", sql));
  }

  @Test
  void aValidQueryIsAcceptedAndExpanded() {
    JsonObject reply = fixture.call(BusContract.VALIDATE, definition("users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.active GROUP BY %group_by%"));

    assertThat(reply.getString("query")).isEqualTo("SELECT users.id, users.email FROM users"
        + " WHERE 1=1 AND users.active GROUP BY users.id, users.email");
    assertThat(reply.getString("query_string")).contains("%fields%");
    assertThat(reply.getJsonArray("references")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown column | SELECT %fields% FROM %table% WHERE %where% AND nonexistent = 1 | nonexistent",
      "unknown table | SELECT users.id, users.email FROM no_such_table users | no_such_table",
      "syntax error | SELECT %fields% FROM %table% WHERE %where% AND | could not be parsed",
      "no primary key | SELECT users.email FROM users | primary key",
      "no email on user table | SELECT users.id FROM users | email",
      "a write | DELETE FROM users | Only a SELECT",
      "forbidden schema | SELECT id, email FROM segments.segments | segments.segments",
      "two statements | SELECT id, email FROM users; SELECT 1 | single statement",
      "data-modifying CTE | WITH d AS (DELETE FROM users RETURNING id) SELECT id FROM d | data-modifying",
      "forbidden function | SELECT users.id, users.email FROM users WHERE pg_sleep(1) IS NULL | pg_sleep",
  })
  void anInvalidQueryIsRefusedWithAReason(String scenario, String sql, String reason) {
    Throwable failure = Await.failure(fixture.request(BusContract.VALIDATE, definition("users", sql)));

    assertThat(FailureCode.of(failure)).as(scenario).isEqualTo(FailureCode.INVALID);
    assertThat(failure).as(scenario).hasMessageContaining(reason);
    assertThat(fixture.db.queryLong("SELECT count(*) FROM users")).isEqualTo(5);
  }

  @Test
  void anUnconfiguredTableIsRefused() {
    Throwable failure = Await.failure(fixture.request(BusContract.VALIDATE,
        definition("payments_secret", "SELECT id FROM payments_secret")));

    assertThat(failure).hasMessageContaining("payments_secret").hasMessageContaining("not configured");
  }

  @Test
  void anEmptyOrMissingQueryIsRefused() {
    Throwable empty = Await.failure(fixture.request(BusContract.VALIDATE, definition("users", " ")));
    Throwable missing = Await.failure(fixture.request(BusContract.VALIDATE,
        new JsonObject().put("definition", new JsonObject().put("table_name", "users"))));

    assertThat(empty).hasMessageContaining("query_string is required");
    assertThat(missing).hasMessageContaining("query_string is required");
  }

  @Test
  void aWrongTypeInTheRequestIsInvalidNotInternal() {
    Throwable failure = Await.failure(fixture.request(BusContract.VALIDATE,
        new JsonObject().put("definition", new JsonObject().put("table_name", 42))));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
  }

  @Test
  void aQueryEndingInACommentOrSemicolonStillWraps() {
    JsonObject commented = fixture.call(BusContract.VALIDATE, definition("users",
        "SELECT users.id, users.email FROM users WHERE id < 3 -- first two"));
    JsonObject terminated = fixture.call(BusContract.VALIDATE, definition("users",
        "SELECT users.id, users.email FROM users WHERE id < 3;"));

    assertThat(commented.getString("query")).endsWith("-- first two");
    assertThat(terminated.getString("query")).endsWith("id < 3;");
  }
}
