package press.crm.segments.criteria;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.criteria.CriteriaTree.Group;
import press.crm.segments.criteria.CriteriaTree.Leaf;
import press.crm.segments.criteria.CriteriaTree.Node;

/**
 * Compiles criteria trees into SQL of the version-1 shape: each criterion is a LEFT JOIN of
 * its sub-select on the primary key, and the tree becomes a condition on those joins
 * ({@code IS NOT NULL}, or {@code IS NULL} when negated).
 */
public final class SqlCriteriaCompiler implements CriteriaCompiler {

  private static final int MAX_NAME_LENGTH = 200;

  private final CriteriaRegistry registry;

  public SqlCriteriaCompiler(CriteriaRegistry registry) {
    this.registry = registry;
  }

  public CriteriaRegistry registry() {
    return registry;
  }

  @Override
  public CompiledCriteria compile(String tableName, JsonObject criteria) {
    CriteriaTable table = table(tableName);
    Group root = CriteriaTree.parse(table, criteria);
    List<Leaf> leaves = new ArrayList<>();
    collect(root, leaves);
    String pk = table.primaryKey();

    // Each leaf is joined once, under the alias c<position>; the condition refers to those.
    Map<Leaf, Integer> positions = new IdentityHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      positions.put(leaves.get(i), i + 1);
    }
    StringBuilder sql = new StringBuilder("SELECT %fields%");
    List<String> extra = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < leaves.size(); i++) {
      for (String field : leaves.get(i).fields()) {
        String column = "c" + (i + 1) + "." + field;
        String alias = leaves.get(i).criterion().key() + "_" + field;
        extra.add(column);
        sql.append(", ").append(column).append(" AS ")
            .append(aliases.add(alias) ? alias : alias + "_" + (i + 1));
      }
    }
    sql.append("\nFROM %table%");
    for (int i = 0; i < leaves.size(); i++) {
      String alias = "c" + (i + 1);
      sql.append("\nLEFT JOIN (").append(subSelect(leaves.get(i), pk)).append(") ").append(alias)
          .append(" ON ").append(alias).append('.').append(pk).append(" = %table%.").append(pk);
    }
    sql.append("\nWHERE %where% AND ").append(condition(root, positions, pk));
    sql.append("\nGROUP BY %group_by%");
    extra.forEach(column -> sql.append(", ").append(column));
    return new CompiledCriteria(sql.toString(), name(root));
  }

  /**
   * What makes two trees "the same" for segments/related: the multiset of their criteria
   * leaves, each as (key, negation, parameter values after defaults, arrays as sorted sets).
   * Operators and output fields do not count.
   */
  public List<String> fingerprint(String tableName, JsonObject criteria) {
    Group root = CriteriaTree.parse(table(tableName), criteria);
    List<Leaf> leaves = new ArrayList<>();
    collect(root, leaves);
    List<String> prints = new ArrayList<>();
    for (Leaf leaf : leaves) {
      StringJoiner print = new StringJoiner("\u0001");
      print.add(leaf.criterion().key()).add(Boolean.toString(leaf.negation()));
      new TreeMap<>(leaf.values()).forEach((k, v) -> print.add(k + "=" + v));
      leaf.segmentCodes().forEach(print::add);
      prints.add(print.toString());
    }
    prints.sort(null);
    return prints;
  }

  private CriteriaTable table(String tableName) {
    if (tableName == null || tableName.isBlank()) {
      throw SegmentsException.invalid("table_name is required");
    }
    return registry.table(tableName).orElseThrow(() -> SegmentsException.invalid(
        "table_name '" + ParamValues.shorten(tableName) + "' has no criteria"));
  }

  private static void collect(Node node, List<Leaf> leaves) {
    if (node instanceof Leaf leaf) {
      leaves.add(leaf);
    } else if (node instanceof Group group) {
      group.nodes().forEach(child -> collect(child, leaves));
    }
  }

  private static String subSelect(Leaf leaf, String pk) {
    if (!leaf.criterion().isSegmentReference()) {
      return CriteriaFile.substitute(leaf.criterion().sql(), leaf.values());
    }
    StringJoiner union = new StringJoiner(" UNION ");
    List<String> codes = leaf.segmentCodes();
    for (int i = 0; i < codes.size(); i++) {
      union.add("SELECT " + pk + " FROM (%segment." + codes.get(i) + "%) s" + (i + 1));
    }
    return union.toString();
  }

  private static String condition(Node node, Map<Leaf, Integer> positions, String pk) {
    if (node instanceof Leaf leaf) {
      String alias = "c" + positions.get(leaf);
      return alias + "." + pk + (leaf.negation() ? " IS NULL" : " IS NOT NULL");
    }
    Group group = (Group) node;
    StringJoiner joined = new StringJoiner(" " + group.operator() + " ", "(", ")");
    group.nodes().forEach(child -> joined.add(condition(child, positions, pk)));
    return joined.toString();
  }

  /** A readable name from the labels, e.g. "Active and (Source or not Has subscription)". */
  private static String name(Group root) {
    String name = words(root, true);
    name = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH - 1) + "…";
  }

  private static String words(Node node, boolean top) {
    if (node instanceof Leaf leaf) {
      String label = leaf.criterion().isSegmentReference()
          ? "member of " + String.join(" or ", leaf.segmentCodes()) : leaf.criterion().label();
      return (leaf.negation() ? "not " : "") + label;
    }
    Group group = (Group) node;
    if (group.nodes().size() == 1) {
      return words(group.nodes().get(0), top);
    }
    StringJoiner joined = new StringJoiner(" " + group.operator().toLowerCase(Locale.ROOT) + " ");
    group.nodes().forEach(child -> joined.add(words(child, false)));
    return top ? joined.toString() : "(" + joined + ")";
  }
}
