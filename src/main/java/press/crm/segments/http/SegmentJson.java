package press.crm.segments.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import press.crm.segments.segment.ListedSegment;
import press.crm.segments.segment.Segment;

/** The JSON shapes segments take in responses. */
final class SegmentJson {

  private SegmentJson() {
  }

  /** A list entry, as REMP's user-segments/list: {id, code, name, group}. */
  static JsonObject listed(ListedSegment listed) {
    Segment segment = listed.segment();
    return new JsonObject()
        .put("id", segment.id())
        .put("code", segment.code())
        .put("name", segment.name())
        .put("group", listed.group().toJson());
  }

  /** Everything segments/show answers about one segment. */
  static JsonObject detail(Segment segment, String groupCode) {
    return new JsonObject()
        .put("id", segment.id())
        .put("version", segment.version())
        .put("name", segment.name())
        .put("note", segment.note())
        .put("code", segment.code())
        .put("table_name", segment.tableName())
        .put("fields", new JsonArray(new ArrayList<>(segment.fields())))
        .put("query_string", segment.queryString())
        .put("locked", segment.locked())
        .put("criteria", segment.criteria())
        .put("group_id", segment.groupId())
        .put("group_code", groupCode)
        .put("cache_count", segment.cacheCount())
        .put("cache_count_time", segment.cacheCountTime())
        .put("cache_count_updated_at", time(segment.cacheCountUpdatedAt()))
        .put("cache_count_periodicity",
            segment.periodicity() == null ? null : segment.periodicity().toJson())
        .put("created_at", time(segment.createdAt()))
        .put("updated_at", time(segment.updatedAt()));
  }

  private static String time(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
