package press.crm.segments.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import press.crm.segments.config.TableOptions;
import press.crm.segments.segment.SegmentDefinition;

/**
 * A segment ready to run: its definition with SQL (compiled when it has criteria), its table,
 * and the expanded SQL of every segment it nests.
 */
public record ResolvedSegment(
    String code,
    SegmentDefinition definition,
    TableOptions table,
    Map<String, String> nested,
    String suggestedName) {

  /** The columns a run selects: the segment's fields (or the table's defaults), key first. */
  public List<String> fields(List<String> extra) {
    List<String> fields = new ArrayList<>();
    fields.add(table.primaryKey());
    List<String> own = definition.fields().isEmpty() ? table.defaultFields() : definition.fields();
    for (String field : own) {
      if (!fields.contains(field)) {
        fields.add(field);
      }
    }
    for (String field : extra) {
      if (!fields.contains(field)) {
        fields.add(field);
      }
    }
    return fields;
  }

  /** The query with every placeholder expanded and {@code where} injected. */
  public String expand(List<String> extraFields, String where) {
    return QueryExpander.expand(
        definition.queryString(), table, fields(extraFields), where, nested);
  }

  /** The query as it runs when nothing is injected. */
  public String baseQuery() {
    return expand(List.of(), QueryExpander.NO_CONDITION);
  }
}
