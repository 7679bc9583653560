package press.crm.segments.config;

import java.util.List;

/** A business table segments may be built on. */
public record TableOptions(
    String name, String primaryKey, List<String> defaultFields, List<String> fields) {

  static TableOptions from(String name, ConfigReader table) {
    if (!Identifiers.isPlain(name)) {
      throw new ConfigException(table.key(""), "table name must be a plain SQL identifier");
    }
    String primaryKey = table.identifier("primary_key");
    List<String> fields = identifiers(table, "fields");
    List<String> defaults = identifiers(table, "default_fields");
    if (!defaults.contains(primaryKey)) {
      throw new ConfigException(table.key("default_fields"),
          "must contain the primary key '" + primaryKey + "'");
    }
    if (!fields.containsAll(defaults)) {
      throw new ConfigException(table.key("fields"), "must contain every default field");
    }
    return new TableOptions(name, primaryKey, defaults, fields);
  }

  private static List<String> identifiers(ConfigReader table, String key) {
    List<String> names = table.strings(key);
    for (String name : names) {
      if (!Identifiers.isPlain(name)) {
        throw new ConfigException(table.key(key), "'" + name + "' is not a plain column name");
      }
    }
    return names;
  }
}
