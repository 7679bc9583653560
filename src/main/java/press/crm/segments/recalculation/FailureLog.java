package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import press.crm.segments.segment.SchemaTables;

/** Records failed scheduled recalculations, so failing segments are retried with a pause. */
public final class FailureLog {

  /** The table of migration V3. */
  public static final String TABLE = "recalculation_failures";

  private static final int MAX_REASON = 500;

  private final SchemaTables tables;

  public FailureLog(SchemaTables tables) {
    this.tables = tables;
  }

  /** One more failed attempt in a row. */
  public Future<Void> failed(SqlClient client, long segmentId, Instant at, String reason) {
    String text = reason == null ? "unknown" : reason;
    return client
        .preparedQuery("INSERT INTO " + tables.table(TABLE)
            + " (segment_id, failed_at, failures, reason) VALUES ($1, $2, 1, $3)"
            + " ON CONFLICT (segment_id) DO UPDATE SET failed_at = EXCLUDED.failed_at,"
            + " failures = " + tables.table(TABLE) + ".failures + 1, reason = EXCLUDED.reason")
        .execute(Tuple.of(segmentId, at.atOffset(ZoneOffset.UTC),
            text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text))
        .mapEmpty();
  }

  /** The segment succeeded: it is no longer failing. */
  public Future<Void> succeeded(SqlClient client, long segmentId) {
    return client
        .preparedQuery("DELETE FROM " + tables.table(TABLE) + " WHERE segment_id = $1")
        .execute(Tuple.of(segmentId))
        .mapEmpty();
  }
}
