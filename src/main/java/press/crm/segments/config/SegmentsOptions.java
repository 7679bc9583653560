package press.crm.segments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which tables segments may use, what they may not touch, and whether they may nest. */
public record SegmentsOptions(
    boolean nesting,
    String userTable,
    Map<String, TableOptions> tables,
    List<String> forbiddenTables,
    List<String> forbiddenFunctions,
    String criteriaFile) {

  static SegmentsOptions from(ConfigReader segments, String ownSchema) {
    ConfigReader tablesSection = segments.section("tables");
    Map<String, TableOptions> tables = new LinkedHashMap<>();
    for (String name : tablesSection.json().fieldNames()) {
      tables.put(name, TableOptions.from(name, tablesSection.section(name)));
    }
    String userTable = segments.identifier("user_table");
    if (!tables.containsKey(userTable)) {
      throw new ConfigException(segments.key("user_table"),
          "'" + userTable + "' is not configured under segments.tables");
    }
    List<String> forbidden = new ArrayList<>();
    for (String table : segments.strings("forbidden_tables")) {
      forbidden.add(table.toLowerCase(Locale.ROOT));
    }
    forbidden.add(ownSchema + ".*");
    // set_config() could lift the read-only default and the statement timeout of the
    // evaluation sessions, so it stays forbidden whatever the list says.
    List<String> functions = new ArrayList<>(List.of("set_config"));
    for (String function : segments.strings("forbidden_functions")) {
      functions.add(function.toLowerCase(Locale.ROOT));
    }
    return new SegmentsOptions(segments.bool("nesting"), userTable, Map.copyOf(tables),
        List.copyOf(forbidden), List.copyOf(functions), segments.string("criteria_file"));
  }

  public Optional<TableOptions> table(String name) {
    return Optional.ofNullable(name == null ? null : tables.get(name));
  }

  public TableOptions users() {
    return tables.get(userTable);
  }
}
