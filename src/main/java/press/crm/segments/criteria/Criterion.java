package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One criterion of a table: its parameters and the SQL of its sub-select, which selects the
 * table's primary key (plus any output fields) of the rows the criterion matches.
 *
 * @param sql the sub-select with named parameters ({@code :name}); null for the built-in
 *     {@code segment} criterion, whose SQL the compiler writes from segment references
 */
public record Criterion(
    String key,
    String label,
    String category,
    Map<String, CriterionParam> params,
    List<String> fields,
    String sql) {

  /** Key of the built-in criterion "member of any of these segments" (nesting only). */
  public static final String SEGMENT = "segment";

  public Criterion {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    fields = List.copyOf(fields);
  }

  public boolean isSegmentReference() {
    return sql == null;
  }

  /** The built-in {@code segment} criterion; its options are filled at request time. */
  static Criterion segmentReference() {
    CriterionParam codes = new CriterionParam(SEGMENT, ParamType.STRING_ARRAY, true, null,
        "Segments", "Members of any of these segments", null, List.of(), null);
    return new Criterion(SEGMENT, "Segment", "Segments", Map.of(SEGMENT, codes), List.of(), null);
  }

  /** The blueprint entry; {@code segmentCodes} are the options of the segment criterion. */
  public JsonObject blueprint(List<String> segmentCodes) {
    JsonObject params = new JsonObject();
    this.params.forEach((name, param) ->
        params.put(name, param.blueprint(isSegmentReference() ? segmentCodes : null)));
    return new JsonObject()
        .put("key", key)
        .put("label", label)
        .put("category", category)
        .put("params", params)
        .put("fields", new JsonArray(new ArrayList<>(fields)));
  }
}
