package press.crm.segments.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns environment variables and system properties into configuration values. Every leaf key
 * of the built-in defaults has an environment name (SEGMENTS_ + path in upper case, dots as
 * underscores) and a system property name (segments. + path); a few short aliases exist too.
 */
public final class Overrides {

  public static final String ENV_PREFIX = "SEGMENTS_";
  public static final String PROPERTY_PREFIX = "segments.";

  /** Short environment names from the specification, mapped to their keys. */
  public static final Map<String, String> ALIASES = Map.of(
      "SEGMENTS_DB_URL", "database.url",
      "SEGMENTS_JWT_SECRET", "auth.jwt.secret",
      "SEGMENTS_RECALC_DAILY_TIME", "recalculation.daily_time",
      "SEGMENTS_RECALC_HOURLY_MINUTE", "recalculation.hourly_minute",
      "SEGMENTS_NESTING", "segments.nesting");

  private Overrides() {
  }

  /** Applies environment variables, then system properties, onto {@code config} in place. */
  public static JsonObject apply(
      JsonObject config, JsonObject defaults, Map<String, String> env, Map<String, String> props) {
    List<String> keys = leafKeys(defaults, "");
    ALIASES.forEach((name, key) -> {
      if (env.containsKey(name)) {
        put(config, key, env.get(name), defaults);
      }
    });
    for (String key : keys) {
      String envName = envName(key);
      if (env.containsKey(envName)) {
        put(config, key, env.get(envName), defaults);
      }
    }
    for (String key : keys) {
      String property = PROPERTY_PREFIX + key;
      if (props.containsKey(property)) {
        put(config, key, props.get(property), defaults);
      }
    }
    return config;
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Dotted paths of every value that is not an object (lists count as values). */
  public static List<String> leafKeys(JsonObject json, String prefix) {
    List<String> keys = new ArrayList<>();
    for (String name : json.fieldNames()) {
      Object value = json.getValue(name);
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (value instanceof JsonObject child && !child.isEmpty() && !isOpenMap(key)) {
        keys.addAll(leafKeys(child, key));
      }
      keys.add(key);
    }
    return keys;
  }

  /** Objects whose keys are names chosen by the operator; they are replaced whole. */
  private static boolean isOpenMap(String key) {
    return key.equals("segments.tables");
  }

  private static void put(JsonObject config, String key, String raw, JsonObject defaults) {
    String[] path = key.split("\\.");
    JsonObject target = config;
    JsonObject template = defaults;
    for (int i = 0; i < path.length - 1; i++) {
      JsonObject next = target.getJsonObject(path[i]);
      if (next == null) {
        next = new JsonObject();
        target.put(path[i], next);
      }
      target = next;
      template = template == null ? null : template.getJsonObject(path[i]);
    }
    String leaf = path[path.length - 1];
    Object example = template == null ? null : template.getValue(leaf);
    target.put(leaf, convert(key, raw, example));
  }

  private static Object convert(String key, String raw, Object example) {
    String text = raw.trim();
    try {
      if (example instanceof JsonObject) {
        return new JsonObject(text);
      }
      if (example instanceof JsonArray) {
        return text.startsWith("[") ? new JsonArray(text) : text;
      }
    } catch (RuntimeException e) {
      throw new ConfigException(key, "must be JSON, got '" + raw + "'");
    }
    if (example instanceof Boolean || example instanceof Number) {
      return text;
    }
    return raw;
  }
}
