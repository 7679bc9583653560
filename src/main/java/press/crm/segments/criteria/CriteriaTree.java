package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import press.crm.segments.bus.SegmentsException;

/**
 * A criteria tree read from its JSON form and checked against a table's criteria: every key,
 * operator, value and limit. Parsing fails with INVALID and a message naming the problem.
 */
final class CriteriaTree {

  /** A node of the tree. */
  sealed interface Node permits Group, Leaf {
  }

  /** AND / OR over child nodes. */
  record Group(String operator, List<Node> nodes) implements Node {
  }

  /**
   * One criterion with its values already written as SQL.
   *
   * @param segmentCodes the referenced segments of the {@code segment} criterion, else empty
   */
  record Leaf(Criterion criterion, boolean negation, Map<String, String> values,
      List<String> fields, List<String> segmentCodes) implements Node {
  }

  private static final Set<String> ROOT_KEYS = Set.of("version", "nodes");
  private static final Set<String> OPERATOR_KEYS = Set.of("type", "operator", "nodes");
  private static final Set<String> CRITERIA_KEYS =
      Set.of("type", "key", "negation", "values", "fields");
  private static final Pattern CODE = Pattern.compile("[a-z0-9_-]{1,128}");

  private final CriteriaTable table;
  private int nodes;

  private CriteriaTree(CriteriaTable table) {
    this.table = table;
  }

  /** The root: its nodes are joined with AND. */
  static Group parse(CriteriaTable table, Object criteria) {
    if (!(criteria instanceof JsonObject root)) {
      throw invalid("criteria must be an object {\"version\": \"1\", \"nodes\": [...]}");
    }
    unknownKeys(root, ROOT_KEYS, "criteria");
    Object version = root.getValue("version");
    if (!"1".equals(version) && !(version instanceof Number n && n.doubleValue() == 1)) {
      throw invalid("criteria version must be \"1\"");
    }
    return new CriteriaTree(table).group("AND", root.getValue("nodes"), 1, "criteria.nodes");
  }

  private Group group(String operator, Object list, int depth, String path) {
    if (depth > CriteriaLimits.MAX_DEPTH) {
      throw invalid(path + ": criteria are nested deeper than " + CriteriaLimits.MAX_DEPTH
          + " levels");
    }
    if (!(list instanceof JsonArray array) || array.isEmpty()) {
      throw invalid(path + " must be a non-empty list of nodes");
    }
    List<Node> children = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (++nodes > CriteriaLimits.MAX_NODES) {
        throw invalid("criteria have more than " + CriteriaLimits.MAX_NODES + " nodes");
      }
      children.add(node(array.getValue(i), depth, path + "[" + i + "]"));
    }
    return new Group(operator, children);
  }

  private Node node(Object value, int depth, String path) {
    if (!(value instanceof JsonObject node)) {
      throw invalid(path + " must be an object");
    }
    Object type = node.getValue("type");
    if ("operator".equals(type)) {
      unknownKeys(node, OPERATOR_KEYS, path);
      Object operator = node.getValue("operator");
      if (!"AND".equals(operator) && !"OR".equals(operator)) {
        throw invalid(path + ".operator must be \"AND\" or \"OR\"");
      }
      return group((String) operator, node.getValue("nodes"), depth + 1, path + ".nodes");
    }
    if ("criteria".equals(type)) {
      unknownKeys(node, CRITERIA_KEYS, path);
      return leaf(node, path);
    }
    throw invalid(path + ".type must be \"operator\" or \"criteria\"");
  }

  private Leaf leaf(JsonObject node, String path) {
    Object key = node.getValue("key");
    if (!(key instanceof String name)) {
      throw invalid(path + ".key must be a criterion key");
    }
    Criterion criterion = table.criterion(name).orElseThrow(() -> invalid(path + ": unknown"
        + " criterion '" + ParamValues.shorten(name) + "' for table '" + table.name() + "'"));
    Object negation = node.getValue("negation", false);
    if (!(negation instanceof Boolean negated)) {
      throw invalid(path + ".negation must be true or false");
    }
    Object values = node.getValue("values", new JsonObject());
    if (!(values instanceof JsonObject given)) {
      throw invalid(path + ".values must be an object");
    }
    for (String param : given.fieldNames()) {
      if (!criterion.params().containsKey(param)) {
        throw invalid(path + ": criterion '" + name + "' has no parameter '"
            + ParamValues.shorten(param) + "'");
      }
    }
    List<String> fields = fields(criterion, node.getValue("fields"), path);
    if (criterion.isSegmentReference()) {
      List<String> codes = codes(given.getValue(Criterion.SEGMENT));
      return new Leaf(criterion, negated, Map.of(), fields, codes);
    }
    Map<String, String> rendered = new LinkedHashMap<>();
    criterion.params().forEach((param, declared) ->
        rendered.put(param, ParamValues.render(name, declared, given.getValue(param))));
    return new Leaf(criterion, negated, rendered, fields, List.of());
  }

  private static List<String> fields(Criterion criterion, Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(path + ".fields must be a list");
    }
    List<String> fields = new ArrayList<>();
    for (Object field : array) {
      if (!(field instanceof String text) || !criterion.fields().contains(text)) {
        throw invalid(path + ".fields: criterion '" + criterion.key() + "' outputs only "
            + criterion.fields());
      }
      if (!fields.contains(text)) {
        fields.add(text);
      }
    }
    return fields;
  }

  private static List<String> codes(Object value) {
    String where = "criterion 'segment', parameter 'segment'";
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw invalid(where + " must be a non-empty list of segment codes");
    }
    if (array.size() > CriteriaLimits.MAX_ARRAY_VALUES) {
      throw invalid(where + " has more than " + CriteriaLimits.MAX_ARRAY_VALUES + " values");
    }
    TreeSet<String> codes = new TreeSet<>();
    for (Object code : array) {
      if (!(code instanceof String text) || !CODE.matcher(text).matches()) {
        throw invalid(where + ": segment codes are made of a-z, 0-9, '_' and '-'");
      }
      codes.add(text);
    }
    return new ArrayList<>(codes);
  }

  private static void unknownKeys(JsonObject json, Set<String> allowed, String path) {
    for (String key : json.fieldNames()) {
      if (!allowed.contains(key)) {
        throw invalid(path + " has an unknown field '" + ParamValues.shorten(key) + "'");
      }
    }
  }

  private static SegmentsException invalid(String message) {
    return SegmentsException.invalid(message);
  }
}
