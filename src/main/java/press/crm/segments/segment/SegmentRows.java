package press.crm.segments.segment;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/** Maps rows of the segments table to {@link Segment}. */
public final class SegmentRows {

  /** The columns {@link #segment(Row)} reads, in a form fit for a SELECT list. */
  public static final String COLUMNS = "id, version, name, code, table_name, fields, query_string,"
      + " criteria, segment_group_id, note, locked, cache_count, cache_count_time,"
      + " cache_count_periodicity, cache_count_updated_at, created_at, updated_at, deleted_at,"
      + " copied_from_segment_id";

  private SegmentRows() {
  }

  public static Segment segment(Row row) {
    String[] fields = row.getArrayOfStrings("fields");
    Object periodicity = row.getValue("cache_count_periodicity");
    Object criteria = row.getValue("criteria");
    return new Segment(
        row.getLong("id"),
        row.getInteger("version"),
        row.getString("name"),
        row.getString("code"),
        row.getString("table_name"),
        fields == null ? List.of() : Arrays.asList(fields),
        row.getString("query_string"),
        criteria instanceof JsonObject json ? json : null,
        row.getLong("segment_group_id"),
        row.getString("note"),
        row.getBoolean("locked"),
        row.getLong("cache_count"),
        row.getDouble("cache_count_time"),
        periodicity instanceof JsonObject json ? Periodicity.fromJson(json) : null,
        row.getOffsetDateTime("cache_count_updated_at"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("deleted_at"),
        row.getLong("copied_from_segment_id"));
  }
}
