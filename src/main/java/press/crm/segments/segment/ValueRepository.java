package press.crm.segments.segment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;

/** Reads the history of segment sizes (segments_values). */
public final class ValueRepository {

  private final SchemaTables tables;

  public ValueRepository(SchemaTables tables) {
    this.tables = tables;
  }

  /**
   * Per calendar day in {@code zone}, the largest recorded size, ascending; both bounds
   * inclusive. Days without a calculation are absent. Answers {@code [{date, count}]}.
   */
  public Future<JsonArray> dailyMaxima(
      SqlClient client, long segmentId, LocalDate from, LocalDate to, ZoneId zone) {
    // Bounds as instants, so the (segment_id, date) index serves the range.
    return client
        .preparedQuery("SELECT to_char(date AT TIME ZONE $4, 'YYYY-MM-DD') AS day,"
            + " max(value) AS count FROM " + tables.values()
            + " WHERE segment_id = $1 AND date >= ($2::date::timestamp AT TIME ZONE $4)"
            + " AND date < (($3::date + 1)::timestamp AT TIME ZONE $4)"
            + " GROUP BY 1 ORDER BY 1")
        .execute(Tuple.of(segmentId, from, to, zone.getId()))
        .map(rows -> {
          JsonArray days = new JsonArray();
          rows.forEach(row -> days.add(new JsonObject().put("date", row.getString("day"))
              .put("count", row.getLong("count"))));
          return days;
        });
  }
}
