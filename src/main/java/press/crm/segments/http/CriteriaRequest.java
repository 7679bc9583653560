package press.crm.segments.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import press.crm.segments.config.TableOptions;

/**
 * The body of segments/counts, segments/items and segments/related: {@code {table_name,
 * criteria, fields?}}, checked field by field so a 400 can say which one is wrong.
 */
record CriteriaRequest(String tableName, JsonObject criteria, List<String> fields) {

  /** A field of the request that is wrong, and why. */
  static final class Invalid extends RuntimeException {

    final String field;

    Invalid(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  static CriteriaRequest parse(RoutingContext ctx, boolean withFields,
      Function<String, TableOptions> tables) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new Invalid("body", "The request body must be a JSON object");
    }
    if (body == null) {
      throw new Invalid("body", "The request body must be a JSON object");
    }
    Set<String> allowed = withFields ? Set.of("table_name", "criteria", "fields")
        : Set.of("table_name", "criteria");
    for (String name : body.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new Invalid(name.length() > 40 ? name.substring(0, 40) : name,
            "Unknown field; expected " + allowed);
      }
    }
    Object table = body.getValue("table_name");
    if (!(table instanceof String name) || name.isBlank()) {
      throw new Invalid("table_name", "table_name is required");
    }
    TableOptions options = tables.apply(name);
    if (options == null) {
      throw new Invalid("table_name", "Table is not configured for segments");
    }
    Object criteria = body.getValue("criteria");
    if (!(criteria instanceof JsonObject tree)) {
      throw new Invalid("criteria",
          "criteria must be an object {\"version\": \"1\", \"nodes\": [...]}");
    }
    return new CriteriaRequest(name, tree, fields(body.getValue("fields"), options));
  }

  private static List<String> fields(Object value, TableOptions table) {
    if (value == null) {
      return table.defaultFields();
    }
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw new Invalid("fields", "fields must be a non-empty list of column names");
    }
    List<String> fields = new ArrayList<>();
    for (Object field : array) {
      if (!(field instanceof String text) || !table.fields().contains(text)) {
        throw new Invalid("fields", "Selectable fields of " + table.name() + " are "
            + table.fields());
      }
      if (!fields.contains(text)) {
        fields.add(text);
      }
    }
    return fields;
  }

  /** The unsaved definition the evaluation verticle accepts on the bus. */
  JsonObject definition() {
    return new JsonObject().put("table_name", tableName).put("version", 2)
        .put("criteria", criteria).put("fields", new JsonArray(new ArrayList<>(fields)));
  }
}
