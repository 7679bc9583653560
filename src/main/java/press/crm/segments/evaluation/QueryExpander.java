package press.crm.segments.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.Identifiers;
import press.crm.segments.config.TableOptions;

/**
 * Replaces the placeholders of a segment query in one pass, so text that a replacement brings
 * in (a nested segment's SQL) is never scanned for placeholders again.
 */
public final class QueryExpander {

  /** A nested segment reference; codes are letters, digits, '_' and '-'. */
  public static final Pattern NESTED = Pattern.compile("%segment\\.([A-Za-z0-9_\\-]{1,255})%");

  private static final Pattern PLACEHOLDER = Pattern.compile(
      "%(table|fields|group_by|where|segment\\.[A-Za-z0-9_\\-]{1,255})%");

  /** The condition %where% stands for when the evaluation injects nothing. */
  public static final String NO_CONDITION = "1=1";

  private QueryExpander() {
  }

  /** Codes of the segments a query nests, in order of first appearance. */
  public static Set<String> references(String sql) {
    Set<String> codes = new LinkedHashSet<>();
    Matcher m = NESTED.matcher(sql);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  /** Whether the query uses placeholders the evaluation can inject conditions through. */
  public static boolean hasWhere(String sql) {
    return sql.contains("%where%");
  }

  /**
   * Expands {@code sql}.
   *
   * @param fields the selected columns, bare ({@code email}) or qualified ({@code users.email})
   * @param where the condition for %where%
   * @param nested the already expanded SQL of every segment {@code sql} references
   */
  public static String expand(String sql, TableOptions table, List<String> fields, String where,
      Map<String, String> nested) {
    List<String> columns = qualify(table.name(), fields);
    String fieldList = String.join(", ", columns);
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder(sql.length() + 64);
    while (m.find()) {
      String name = m.group(1);
      String replacement = switch (name) {
        case "table" -> table.name();
        case "fields", "group_by" -> fieldList;
        case "where" -> where;
        default -> nestedSql(name.substring("segment.".length()), nested);
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Bare column names become {@code table.column}; qualified ones are kept. */
  public static List<String> qualify(String table, List<String> fields) {
    List<String> columns = new ArrayList<>();
    for (String field : fields) {
      String[] parts = field.split("\\.", -1);
      boolean plain = parts.length <= 2;
      for (String part : parts) {
        plain &= Identifiers.isPlain(part);
      }
      if (!plain) {
        throw SegmentsException.invalid("Field '" + field + "' is not a column name");
      }
      String column = parts.length == 1 ? table + "." + field : field;
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The output column a field appears under in the segment's result. */
  public static String columnName(String field) {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }

  private static String nestedSql(String code, Map<String, String> nested) {
    String sql = nested.get(code);
    if (sql == null) {
      throw SegmentsException.invalid("Segment '" + code + "' does not exist");
    }
    return sql;
  }
}
