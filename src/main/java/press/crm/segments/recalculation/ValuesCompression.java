package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import press.crm.segments.segment.SchemaTables;

/**
 * Thins out the history of segment sizes for a range of days: per segment and hour only the
 * highest value survives (ties: the latest), so every day's maximum, which daily-count-stats
 * reports, is kept. One set-based DELETE in one transaction: it happens whole or not at all.
 *
 * <p>An hour is a clock hour in the configured time zone and also a UTC hour; in zones with a
 * whole-hour offset those coincide, elsewhere an hour may keep two values, so that the daily
 * maxima survive whether days are counted in the configured zone or in UTC.
 */
public final class ValuesCompression {

  private final SchemaTables tables;

  public ValuesCompression(SchemaTables tables) {
    this.tables = tables;
  }

  /** Compresses the days {@code from} to {@code to}, both inclusive; answers rows deleted. */
  public Future<Integer> compress(Pool pool, LocalDate from, LocalDate to, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
    var start = from.atStartOfDay(zone).toOffsetDateTime();
    var end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    String sql = "DELETE FROM " + tables.values() + " v USING ("
        + " SELECT id, row_number() OVER (PARTITION BY segment_id, " + localHour(zone) + ","
        + " date_trunc('hour', date AT TIME ZONE 'UTC')"
        + " ORDER BY value DESC, date DESC, id DESC) AS position"
        + " FROM " + tables.values() + " WHERE date >= $1 AND date < $2) ranked"
        + " WHERE v.id = ranked.id AND ranked.position > 1";
    return pool.withTransaction(connection -> connection.preparedQuery(sql)
        .execute(Tuple.of(start, end, zoneParameter(zone)))
        .map(rows -> rows.rowCount()));
  }

  /**
   * PostgreSQL reads a bare offset such as '+02:00' as a POSIX zone, with the sign flipped, so
   * fixed offsets are given as seconds and region zones by name.
   */
  private static String localHour(ZoneId zone) {
    if (zone.normalized() instanceof ZoneOffset) {
      return "date_trunc('hour', (date AT TIME ZONE 'UTC') + $3::int * interval '1 second')";
    }
    return "date_trunc('hour', date AT TIME ZONE $3::text)";
  }

  private static Object zoneParameter(ZoneId zone) {
    if (zone.normalized() instanceof ZoneOffset offset) {
      return offset.getTotalSeconds();
    }
    return zone.getId();
  }
}
