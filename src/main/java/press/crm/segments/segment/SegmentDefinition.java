package press.crm.segments.segment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a segment selects, saved or not: its table, its version, and either its SQL (version 1)
 * or its criteria tree (version 2; {@code queryString} then holds the compiled SQL once known).
 */
public record SegmentDefinition(
    String tableName, int version, String queryString, JsonObject criteria, List<String> fields) {

  public SegmentDefinition {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  public SegmentDefinition withQuery(String sql) {
    return new SegmentDefinition(tableName, version, sql, criteria, fields);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("table_name", tableName)
        .put("version", version)
        .put("fields", new JsonArray(new ArrayList<>(fields)));
    if (queryString != null) {
      json.put("query_string", queryString);
    }
    if (criteria != null) {
      json.put("criteria", criteria);
    }
    return json;
  }

  /**
   * Reads the bus form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field has the wrong type
   */
  public static SegmentDefinition fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("definition is required");
    }
    Object version = json.getValue("version", 1);
    if (!(version instanceof Number number) || (number.intValue() != 1 && number.intValue() != 2)) {
      throw new IllegalArgumentException("version must be 1 or 2");
    }
    List<String> fields = new ArrayList<>();
    Object rawFields = json.getValue("fields");
    if (rawFields instanceof JsonArray array) {
      for (Object field : array) {
        if (!(field instanceof String text)) {
          throw new IllegalArgumentException("fields must be a list of column names");
        }
        fields.add(text);
      }
    } else if (rawFields != null) {
      throw new IllegalArgumentException("fields must be a list of column names");
    }
    Object table = json.getValue("table_name");
    Object query = json.getValue("query_string");
    Object criteria = json.getValue("criteria");
    if (!(table instanceof String) || (query != null && !(query instanceof String))
        || (criteria != null && !(criteria instanceof JsonObject))) {
      throw new IllegalArgumentException("table_name, query_string or criteria has a wrong type");
    }
    return new SegmentDefinition((String) table, number.intValue(), (String) query,
        (JsonObject) criteria, fields);
  }
}
