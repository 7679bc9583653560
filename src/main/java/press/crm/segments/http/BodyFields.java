package press.crm.segments.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import press.crm.segments.config.Identifiers;

/**
 * Typed reads of a JSON request body. Unknown fields, wrong types, empty or oversized values
 * are each an {@link InvalidInput} naming the field.
 */
final class BodyFields {

  private final JsonObject body;

  /** @throws InvalidInput when the body has a field outside {@code allowed} */
  BodyFields(JsonObject body, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new InvalidInput(unknown.iterator().next(),
          "is not a known field; expected some of " + new TreeSet<>(allowed));
    }
    this.body = body;
  }

  boolean has(String name) {
    return body.getValue(name) != null;
  }

  /** A non-blank string of at most {@link RequestParams#MAX_TEXT} characters. */
  String text(String name, boolean required) {
    return text(name, required, RequestParams.MAX_TEXT);
  }

  String text(String name, boolean required, int maxLength) {
    Object value = body.getValue(name);
    if (value == null) {
      if (required) {
        throw new InvalidInput(name, "is required");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw new InvalidInput(name, "must be a string");
    }
    if (text.isBlank()) {
      throw new InvalidInput(name, "must not be empty");
    }
    if (text.length() > maxLength) {
      throw new InvalidInput(name, "must be at most " + maxLength + " characters long");
    }
    return text;
  }

  /** An optional code: letters, digits, '_' and '-'. */
  String code(String name) {
    String value = text(name, false);
    return value == null ? null : RequestParams.checkCode(name, value);
  }

  int integer(String name, int fallback, int min, int max) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < min || number.doubleValue() > max) {
      throw new InvalidInput(name, "must be a whole number between " + min + " and " + max);
    }
    return number.intValue();
  }

  JsonObject object(String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof JsonObject)) {
      throw new InvalidInput(name, "must be a JSON object");
    }
    return (JsonObject) value;
  }

  /** Column names as a JSON list or a "a,b,c" string; null when absent. */
  List<String> columns(String name, int maxCount) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    List<Object> items = new ArrayList<>();
    if (value instanceof String text) {
      for (String part : text.split(",", -1)) {
        items.add(part.trim());
      }
    } else if (value instanceof JsonArray array) {
      array.forEach(items::add);
    } else {
      throw new InvalidInput(name, "must be a list of column names or \"a,b,c\"");
    }
    if (items.isEmpty() || items.size() > maxCount) {
      throw new InvalidInput(name, "must name between 1 and " + maxCount + " columns");
    }
    List<String> columns = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String column) || !Identifiers.isPlain(column)) {
        throw new InvalidInput(name, "each must be a plain column name ([a-z_][a-z0-9_]*)");
      }
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    return columns;
  }
}
