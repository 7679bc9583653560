package press.crm.segments.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Typed, validated access to one section of the configuration; errors name the full key. */
public final class ConfigReader {

  private final JsonObject json;
  private final String prefix;

  public ConfigReader(JsonObject json, String prefix) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = prefix;
  }

  public ConfigReader section(String name) {
    Object value = json.getValue(name);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException(key(name), "must be an object");
    }
    return new ConfigReader((JsonObject) value, key(name));
  }

  public String key(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  public JsonObject json() {
    return json;
  }

  public String string(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      throw new ConfigException(key(name), "is required");
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      throw new ConfigException(key(name), "must not be empty");
    }
    return text;
  }

  public String optionalString(String name) {
    Object value = json.getValue(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return value.toString().trim();
  }

  public int integer(String name, int min, int max) {
    Object value = json.getValue(name);
    int result;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      result = number.intValue();
    } else if (value instanceof String text && text.trim().matches("-?\\d{1,9}")) {
      result = Integer.parseInt(text.trim());
    } else {
      throw new ConfigException(key(name), "must be a whole number, got '" + value + "'");
    }
    if (result < min || result > max) {
      throw new ConfigException(
          key(name), "must be between " + min + " and " + max + ", got " + result);
    }
    return result;
  }

  public boolean bool(String name) {
    Object value = json.getValue(name);
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text) {
      String t = text.trim().toLowerCase();
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
    }
    throw new ConfigException(key(name), "must be true or false, got '" + value + "'");
  }

  public List<String> strings(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      List<String> parts = new ArrayList<>();
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
      return List.copyOf(parts);
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(key(name), "must be a list");
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw new ConfigException(key(name), "must be a list of non-empty strings");
      }
      result.add(text.trim());
    }
    return List.copyOf(result);
  }

  /** A SQL identifier we may safely put into statements: lower case letters, digits, '_'. */
  public String identifier(String name) {
    String value = string(name);
    if (!Identifiers.isPlain(value)) {
      throw new ConfigException(
          key(name), "must be a plain SQL identifier ([a-z_][a-z0-9_]*), got '" + value + "'");
    }
    return value;
  }
}
