package press.crm.segments.segment;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/** A saved segment as stored in the segments table. */
public record Segment(
    long id,
    int version,
    String name,
    String code,
    String tableName,
    List<String> fields,
    String queryString,
    JsonObject criteria,
    long groupId,
    String note,
    boolean locked,
    Long cacheCount,
    Double cacheCountTime,
    Periodicity periodicity,
    OffsetDateTime cacheCountUpdatedAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime deletedAt,
    Long copiedFromSegmentId) {

  public static final int SQL = 1;
  public static final int CRITERIA = 2;

  public Segment {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** What evaluation needs of this segment. */
  public SegmentDefinition definition() {
    return new SegmentDefinition(tableName, version, queryString, criteria, fields);
  }
}
