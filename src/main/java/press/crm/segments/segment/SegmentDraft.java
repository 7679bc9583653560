package press.crm.segments.segment;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** A validated segment definition about to be inserted or to replace a stored one. */
public record SegmentDraft(
    int version,
    String name,
    String code,
    String tableName,
    List<String> fields,
    String queryString,
    JsonObject criteria,
    long groupId,
    String note,
    Periodicity periodicity) {

  public SegmentDraft {
    fields = List.copyOf(fields);
  }
}
