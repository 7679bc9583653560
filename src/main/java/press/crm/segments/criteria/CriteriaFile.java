package press.crm.segments.criteria;

import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.ConfigException;
import press.crm.segments.config.ConfigReader;
import press.crm.segments.config.Identifiers;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.config.TableOptions;

/**
 * Reads and validates the criteria file (documented in conf/criteria.yaml). Table metadata
 * (primary key, fields) comes from segments.tables, the single source of it; the file only
 * adds criteria to tables configured there. Errors name the key, e.g.
 * {@code criteria.users.active.sql}.
 */
final class CriteriaFile {

  /** The documented conf/criteria.yaml, packed into the jar by the build. */
  static final String DEFAULTS_RESOURCE = "defaults/criteria.yaml";

  private static final Logger LOG = LoggerFactory.getLogger(CriteriaFile.class);
  /** ":name" but not the second colon of a "::type" cast. */
  private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-z_][a-z0-9_]*)");

  private final SegmentsOptions segments;

  private CriteriaFile(SegmentsOptions segments) {
    this.segments = segments;
  }

  static Future<CriteriaRegistry> read(Vertx vertx, SegmentsOptions segments) {
    String file = segments.criteriaFile();
    return vertx.fileSystem().exists(file)
        .map(exists -> exists ? file : DEFAULTS_RESOURCE)
        .compose(path -> vertx.fileSystem().readFile(path)
            .compose(content -> yaml(vertx, content))
            .recover(e -> Future.failedFuture(new ConfigException("segments.criteria_file",
                "cannot read '" + path + "': " + e.getMessage())))
            .map(json -> parse(json, segments))
            .onSuccess(registry -> LOG.info("Criteria loaded from {}: {} table(s)", path,
                registry.tables().size())));
  }

  private static Future<JsonObject> yaml(Vertx vertx, Buffer content) {
    return new YamlProcessor().process(vertx, new JsonObject(), content);
  }

  /**
   * Validates the whole file.
   *
   * @throws ConfigException naming the first invalid key
   */
  static CriteriaRegistry parse(JsonObject file, SegmentsOptions segments) {
    return new CriteriaFile(segments).registry(new ConfigReader(file, "criteria"));
  }

  private CriteriaRegistry registry(ConfigReader root) {
    ConfigReader tablesSection = root.section("tables");
    Map<String, CriteriaTable> tables = new LinkedHashMap<>();
    for (String name : tablesSection.json().fieldNames()) {
      String key = tablesSection.key(name);
      TableOptions options = segments.table(name).orElseThrow(() ->
          new ConfigException(key, "table is not configured under segments.tables"));
      tables.put(name, table(options, tablesSection.section(name)));
    }
    boolean nesting = segments.nesting();
    String userTable = segments.userTable();
    if (nesting) {
      TableOptions users = segments.users();
      CriteriaTable existing = tables.get(userTable);
      Map<String, Criterion> criteria = new LinkedHashMap<>(
          existing == null ? Map.of() : existing.criteria());
      criteria.put(Criterion.SEGMENT, Criterion.segmentReference());
      tables.put(userTable, new CriteriaTable(users, criteria));
    }
    return new CriteriaRegistry(tables, userTable, nesting);
  }

  private CriteriaTable table(TableOptions options, ConfigReader table) {
    Object list = table.json().getValue("criteria");
    if (!(list instanceof JsonArray array)) {
      throw new ConfigException(table.key("criteria"), "must be a list of criteria");
    }
    // Keys name criteria as criteria.<table>.<key>.<field>, the way operators think of them.
    String base = "criteria." + options.name();
    Map<String, Criterion> criteria = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject json)) {
        throw new ConfigException(base + ".criteria[" + i + "]", "must be an object");
      }
      Object key = json.getValue("key");
      if (!(key instanceof String text) || !Identifiers.isPlain(text)) {
        throw new ConfigException(base + ".criteria[" + i + "].key",
            "must be a plain identifier ([a-z_][a-z0-9_]*)");
      }
      ConfigReader reader = new ConfigReader(json, base + "." + text);
      if (criteria.containsKey(text)) {
        throw new ConfigException(reader.key("key"), "duplicate criterion key");
      }
      if (text.equals(Criterion.SEGMENT) && options.name().equals(segments.userTable())) {
        throw new ConfigException(reader.key("key"),
            "'segment' is reserved for the built-in nesting criterion");
      }
      criteria.put(text, criterion(text, reader));
    }
    return new CriteriaTable(options, criteria);
  }

  private Criterion criterion(String key, ConfigReader reader) {
    String label = reader.string("label");
    String category = reader.string("category");
    ConfigReader paramsSection = reader.section("params");
    Map<String, CriterionParam> params = new LinkedHashMap<>();
    for (String name : paramsSection.json().fieldNames()) {
      if (!Identifiers.isPlain(name)) {
        throw new ConfigException(paramsSection.key(name), "must be a plain identifier");
      }
      params.put(name, param(key, name, paramsSection.section(name)));
    }
    for (String field : reader.strings("fields")) {
      if (!Identifiers.isPlain(field)) {
        throw new ConfigException(reader.key("fields"), "'" + field + "' is not a plain name");
      }
    }
    String sql = sql(reader, params);
    return new Criterion(key, label, category, params, reader.strings("fields"), sql);
  }

  private static CriterionParam param(String criterion, String name, ConfigReader reader) {
    String typeName = reader.string("type");
    ParamType type = ParamType.fromWire(typeName).orElseThrow(() -> new ConfigException(
        reader.key("type"), "unknown parameter type '" + typeName + "'"));
    boolean required = reader.json().containsKey("required") && reader.bool("required");
    String expression = reader.optionalString("expression");
    if (expression != null && !type.supportsRange()) {
      throw new ConfigException(reader.key("expression"),
          "only number, decimal and datetime parameters compare an expression");
    }
    if (reader.json().containsKey("options") && type != ParamType.STRING
        && type != ParamType.STRING_ARRAY) {
      throw new ConfigException(reader.key("options"), "only string parameters have options");
    }
    String label = reader.optionalString("label");
    Object defaultValue = reader.json().getValue("default");
    CriterionParam param = new CriterionParam(name, type, required, defaultValue,
        label == null ? name : label, reader.optionalString("help"),
        reader.optionalString("group"), reader.strings("options"), expression);
    if (defaultValue != null) {
      try {
        ParamValues.render(criterion, param, defaultValue);
      } catch (SegmentsException e) {
        throw new ConfigException(reader.key("default"), e.getMessage());
      }
    }
    return param;
  }

  /** The SQL must use every declared parameter and no other. */
  private static String sql(ConfigReader reader, Map<String, CriterionParam> params) {
    String sql = reader.string("sql");
    if (sql.contains(";")) {
      throw new ConfigException(reader.key("sql"), "must be a single SELECT without ';'");
    }
    Set<String> used = new LinkedHashSet<>();
    Matcher matcher = NAMED.matcher(sql);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!params.containsKey(name)) {
        throw new ConfigException(reader.key("sql"), "uses undeclared parameter ':" + name + "'");
      }
      used.add(name);
    }
    for (String name : params.keySet()) {
      if (!used.contains(name)) {
        throw new ConfigException(reader.key("sql"), "does not use parameter ':" + name + "'");
      }
    }
    return sql;
  }

  /** The SQL with each named parameter replaced by its rendered value. */
  static String substitute(String sql, Map<String, String> values) {
    Matcher matcher = NAMED.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
