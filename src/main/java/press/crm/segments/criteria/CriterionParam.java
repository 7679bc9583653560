package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One typed parameter of a criterion, as declared in the criteria file.
 *
 * @param expression for range parameters (number, decimal, datetime): the SQL expression the
 *     range compares, e.g. {@code created_at}; the parameter then stands for a condition
 */
public record CriterionParam(
    String name,
    ParamType type,
    boolean required,
    Object defaultValue,
    String label,
    String help,
    String group,
    List<String> options,
    String expression) {

  public CriterionParam {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public boolean isRange() {
    return expression != null;
  }

  /** The parameter as the blueprint shows it; {@code liveOptions} replace static options. */
  public JsonObject blueprint(List<String> liveOptions) {
    JsonObject json = new JsonObject()
        .put("type", type.wireName())
        .put("required", required)
        .put("default", defaultValue)
        .put("help", help)
        .put("label", label)
        .put("group", group);
    List<String> shown = liveOptions != null ? liveOptions : options;
    if (!shown.isEmpty() || liveOptions != null) {
      json.put("options", new JsonArray(new ArrayList<>(shown)));
    }
    if (isRange()) {
      json.put("operators", new JsonArray(List.copyOf(RangeOperator.WIRE_NAMES)));
    }
    if (type == ParamType.DATETIME) {
      json.put("relative_units", new JsonArray(List.copyOf(ParamValues.RELATIVE_UNITS)));
    }
    return json;
  }
}
