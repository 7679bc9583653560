package press.crm.segments.segment;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A group segments are listed under. */
public record SegmentGroup(long id, String name, String code, int sorting) {

  static final String COLUMNS = "id, name, code, sorting";

  static SegmentGroup of(Row row) {
    return new SegmentGroup(row.getLong("id"), row.getString("name"), row.getString("code"),
        row.getInteger("sorting"));
  }

  /** The REMP shape: {id, name, code, sorting}. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("code", code)
        .put("sorting", sorting);
  }
}
