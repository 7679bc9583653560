package press.crm.segments.http;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.config.TableOptions;
import press.crm.segments.segment.Periodicity;
import press.crm.segments.segment.Segment;
import press.crm.segments.segment.SegmentDefinition;

/**
 * The validated body of POST segments/detail: a SQL segment (query_string, version 1) or a
 * criteria segment (criteria, version 2).
 */
record SegmentDetailRequest(
    String tableName,
    String groupCode,
    int version,
    String queryString,
    JsonObject criteria,
    String name,
    String code,
    List<String> fields,
    String note,
    Periodicity periodicity) {

  static final int MAX_QUERY = 100 * 1024;
  static final int MAX_NOTE = 10_000;
  static final int MAX_FIELDS = 100;

  private static final Set<String> FIELDS = Set.of("table_name", "group_code", "query_string",
      "criteria", "name", "code", "fields", "note", "cache_count_periodicity");

  /** @throws InvalidInput naming the first field that is wrong */
  static SegmentDetailRequest parse(JsonObject json, SegmentsOptions segments) {
    BodyFields body = new BodyFields(json, FIELDS);
    String tableName = body.text("table_name", true);
    TableOptions table = segments.table(tableName).orElseThrow(() -> new InvalidInput(
        "table_name", "must be one of the configured tables " + segments.tables().keySet()));
    String groupCode = RequestParams.checkCode("group_code", body.text("group_code", true));
    if (body.has("query_string") == body.has("criteria")) {
      throw new InvalidInput("query_string",
          "give either query_string (a SQL segment) or criteria (a criteria segment)");
    }
    String query = body.text("query_string", false, MAX_QUERY);
    JsonObject criteria = body.object("criteria");
    List<String> fields = body.columns("fields", MAX_FIELDS);
    if (fields == null) {
      fields = table.defaultFields();
    } else if (!table.fields().containsAll(fields)) {
      throw new InvalidInput("fields", "must be among the fields of " + tableName + ": "
          + table.fields());
    }
    return new SegmentDetailRequest(tableName, groupCode,
        query != null ? Segment.SQL : Segment.CRITERIA, query, criteria,
        body.text("name", false), body.code("code"), fields,
        body.text("note", false, MAX_NOTE), periodicity(body.object("cache_count_periodicity")));
  }

  private static Periodicity periodicity(JsonObject json) {
    try {
      return json == null ? null : Periodicity.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("cache_count_periodicity", e.getMessage());
    }
  }

  SegmentDefinition definition() {
    return new SegmentDefinition(tableName, version, queryString, criteria, fields);
  }
}
