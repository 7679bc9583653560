package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.segment.Periodicity;
import press.crm.segments.segment.SchemaTables;

/** Reads the scheduling state of non-deleted segments. */
public final class ScheduledSegments {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSegments.class);

  private static final String COLUMNS = "s.id, s.code, s.cache_count_periodicity,"
      + " s.cache_count_updated_at, f.failed_at, f.failures";

  private final SchemaTables tables;
  /** Codes already warned about, so a bad periodicity is reported once, not on every tick. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public ScheduledSegments(SchemaTables tables) {
    this.tables = tables;
  }

  public SchemaTables tables() {
    return tables;
  }

  /** Every non-deleted segment, by code. */
  public Future<List<ScheduledSegment>> all(SqlClient client) {
    return client
        .query("SELECT " + COLUMNS + from() + " WHERE s.deleted_at IS NULL ORDER BY s.code")
        .execute()
        .map(rows -> {
          List<ScheduledSegment> segments = new ArrayList<>();
          for (Row row : rows) {
            segments.add(segment(row));
          }
          return segments;
        });
  }

  /** The segment with this id as it is now, unless it has been deleted meanwhile. */
  public Future<Optional<ScheduledSegment>> current(SqlClient client, long id) {
    return client
        .preparedQuery("SELECT " + COLUMNS + from() + " WHERE s.id = $1 AND s.deleted_at IS NULL")
        .execute(Tuple.of(id))
        .map(rows -> {
          var iterator = rows.iterator();
          return iterator.hasNext() ? Optional.of(segment(iterator.next())) : Optional.empty();
        });
  }

  private String from() {
    return " FROM " + tables.segments() + " s LEFT JOIN " + tables.table(FailureLog.TABLE)
        + " f ON f.segment_id = s.id";
  }

  private ScheduledSegment segment(Row row) {
    String code = row.getString("code");
    OffsetDateTime last = row.getOffsetDateTime("cache_count_updated_at");
    OffsetDateTime failedAt = row.getOffsetDateTime("failed_at");
    return new ScheduledSegment(
        row.getLong("id"),
        code,
        periodicity(code, row.getValue("cache_count_periodicity")),
        last == null ? null : last.toInstant(),
        failedAt == null ? null : failedAt.toInstant(),
        failedAt == null ? 0 : row.getInteger("failures"));
  }

  /** A stored periodicity that does not parse falls back to the default rather than never. */
  private Periodicity periodicity(String code, Object stored) {
    if (stored == null) {
      return null;
    }
    try {
      if (stored instanceof JsonObject json) {
        return Periodicity.fromJson(json);
      }
      throw new IllegalArgumentException("not an object");
    } catch (IllegalArgumentException e) {
      if (warned.add(code)) {
        LOG.warn("Segment {} has an invalid periodicity ({}); using the default", code,
            e.getMessage());
      }
      return null;
    }
  }
}
