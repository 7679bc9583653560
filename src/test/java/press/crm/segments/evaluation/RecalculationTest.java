package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.EvaluationFixture;

/** Recalculation stores its result whole or not at all; evaluation is read only and bounded. */
class RecalculationTest {

  private static EvaluationFixture fixture;

  @BeforeAll
  static void start() {
    fixture = EvaluationFixture.start(30, config ->
        config.getJsonObject("evaluation").put("statement_timeout_ms", 300));
    DemoTables.segment(fixture.db, "active", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.active");
    DemoTables.segment(fixture.db, "divides_by_zero", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND 1 / (id - id) = 1");
    DemoTables.segment(fixture.db, "slow", "users",
        "SELECT %fields% FROM %table% CROSS JOIN generate_series(1, 50000000) g WHERE %where%");
    // Stored behind validation's back: evaluation itself must still refuse to write.
    DemoTables.segment(fixture.db, "sneaky_writer", "users",
        "WITH gone AS (DELETE FROM users RETURNING id, email) SELECT id, email FROM gone");
    fixture.db.execute("CREATE FUNCTION write_behind() RETURNS INT LANGUAGE sql AS"
        + " 'DELETE FROM users WHERE id = 1 RETURNING 1'");
    DemoTables.segment(fixture.db, "function_writer", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND write_behind() = 1");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static JsonObject recalculate(String code) {
    return fixture.call(BusContract.RECALCULATE, new JsonObject().put("code", code));
  }

  @Test
  void recalculationStoresTheCountItsTimeAndAHistoryRow() {
    JsonObject reply = recalculate("active");

    assertThat(reply.getString("code")).isEqualTo("active");
    assertThat(reply.getLong("count")).isEqualTo(20);
    assertThat(reply.getDouble("time")).isGreaterThanOrEqualTo(0);
    assertThat(fixture.db.queryLong("SELECT cache_count FROM segments.segments WHERE code = 'active'"))
        .isEqualTo(20);
    assertThat(fixture.db.queryLong("SELECT count(*) FROM segments.segments"
        + " WHERE code = 'active' AND cache_count_updated_at IS NOT NULL"
        + " AND cache_count_time IS NOT NULL")).isEqualTo(1);
    assertThat(fixture.db.queryLong("SELECT count(*) FROM segments.segments_values v"
        + " JOIN segments.segments s ON s.id = v.segment_id WHERE s.code = 'active' AND v.value = 20"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFailingQueryKeepsThePreviousCountAndWritesNoHistory() {
    fixture.db.execute("UPDATE segments.segments SET cache_count = 7 WHERE code = 'divides_by_zero'");

    Throwable failure = Await.failure(fixture.request(BusContract.RECALCULATE,
        new JsonObject().put("code", "divides_by_zero")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(failure).hasMessageContaining("division by zero");
    assertThat(fixture.db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'divides_by_zero'")).isEqualTo(7);
    assertThat(fixture.db.queryLong("SELECT count(*) FROM segments.segments_values v"
        + " JOIN segments.segments s ON s.id = v.segment_id WHERE s.code = 'divides_by_zero'"))
        .isZero();
  }

  @Test
  void aQueryRunningPastTheStatementTimeoutIsCutOff() {
    Throwable failure = Await.failure(fixture.request(BusContract.COUNT,
        new JsonObject().put("code", "slow")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.TIMEOUT);
    assertThat(FailureCode.TIMEOUT.httpStatus()).isEqualTo(503);
  }

  @Test
  void evaluationRunsReadOnlyEvenForAStoredWritingQuery() {
    Throwable failure = Await.failure(fixture.request(BusContract.COUNT,
        new JsonObject().put("code", "sneaky_writer")));

    Throwable viaFunction = Await.failure(fixture.request(BusContract.COUNT,
        new JsonObject().put("code", "function_writer")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(FailureCode.of(viaFunction)).isEqualTo(FailureCode.INVALID);
    assertThat(viaFunction).hasMessageContaining("read-only transaction");
    assertThat(fixture.db.queryLong("SELECT count(*) FROM users")).isEqualTo(30);
  }

  @Test
  void recalculatingAnUnknownOrDeletedSegmentIsNotFound() {
    DemoTables.segment(fixture.db, "deleted", "users", "SELECT %fields% FROM %table% WHERE %where%");
    fixture.db.execute("UPDATE segments.segments SET deleted_at = now() WHERE code = 'deleted'");

    Throwable unknown = Await.failure(fixture.request(BusContract.RECALCULATE,
        new JsonObject().put("code", "no_such_segment")));
    Throwable deleted = Await.failure(fixture.request(BusContract.RECALCULATE,
        new JsonObject().put("code", "deleted")));

    assertThat(FailureCode.of(unknown)).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(FailureCode.of(deleted)).isEqualTo(FailureCode.NOT_FOUND);
  }
}
