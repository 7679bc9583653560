package press.crm.segments.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import press.crm.segments.bus.SegmentsException;

/**
 * Decides on the parsed query, never on substrings, whether a segment query is one read-only
 * SELECT that touches no forbidden table and calls no forbidden function. Parsing is CPU work
 * that JSqlParser runs with a timeout on a thread of its own: call it off the event loop.
 */
public final class QueryValidator {

  /** Longest query accepted; longer ones are refused before parsing. */
  public static final int MAX_QUERY_LENGTH = 100_000;

  private final List<String> forbiddenTables;
  private final Set<String> forbiddenFunctions;

  /**
   * @param forbiddenTables {@code table}, {@code schema.table} or {@code schema.*}, lower case
   * @param forbiddenFunctions function names, lower case
   */
  public QueryValidator(List<String> forbiddenTables, List<String> forbiddenFunctions) {
    this.forbiddenTables = List.copyOf(forbiddenTables);
    this.forbiddenFunctions = Set.copyOf(forbiddenFunctions);
  }

  /**
   * Checks a fully expanded query.
   *
   * @throws SegmentsException INVALID, naming the problem
   */
  public void validate(String sql) {
    if (sql == null || sql.isBlank()) {
      throw SegmentsException.invalid("The query is empty");
    }
    if (sql.length() > MAX_QUERY_LENGTH) {
      throw SegmentsException.invalid(
          "The query is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    if (sql.indexOf('\0') >= 0) {
      throw SegmentsException.invalid("The query contains a NUL character");
    }
    Statement statement = single(sql);
    if (!(statement instanceof Select)) {
      throw SegmentsException.invalid("Only a SELECT query is allowed, got "
          + statement.getClass().getSimpleName().toUpperCase(Locale.ROOT));
    }
    for (WithItem<?> with : withItems((Select) statement)) {
      if (!(with.getParenthesedStatement() instanceof ParenthesedSelect)) {
        throw SegmentsException.invalid("Only a read-only SELECT is allowed; WITH "
            + with.getAliasName() + " holds a data-modifying statement (INSERT, UPDATE or"
            + " DELETE)");
      }
    }
    SqlInspector inspector = new SqlInspector();
    Set<String> tables = inspector.getTables(statement);
    if (!inspector.writes().isEmpty()) {
      throw SegmentsException.invalid("Only a read-only SELECT is allowed; the query contains "
          + String.join(", ", inspector.writes()));
    }
    for (String table : tables) {
      if (isForbidden(normalize(table))) {
        throw SegmentsException.invalid("The query reads table '" + table
            + "', which segments may not use");
      }
    }
    for (String function : inspector.functions()) {
      String name = normalize(function);
      String bare = name.substring(name.lastIndexOf('.') + 1);
      if (forbiddenFunctions.contains(bare) || forbiddenFunctions.contains(name)) {
        throw SegmentsException.invalid("The query calls " + bare
            + "(), which segments may not use");
      }
    }
  }

  private static List<WithItem<?>> withItems(Select select) {
    List<WithItem<?>> items = select.getWithItemsList();
    return items == null ? List.of() : items;
  }

  private static Statement single(String sql) {
    Statements statements;
    try {
      statements = CCJSqlParserUtil.parseStatements(sql);
    } catch (JSQLParserException e) {
      throw SegmentsException.invalid("The query could not be parsed: " + firstLine(e));
    }
    if (statements == null || statements.isEmpty()) {
      throw SegmentsException.invalid("The query is empty");
    }
    if (statements.size() > 1) {
      throw SegmentsException.invalid("Only a single statement is allowed, got "
          + statements.size());
    }
    return statements.get(0);
  }

  private boolean isForbidden(String table) {
    int dot = table.lastIndexOf('.');
    String bare = dot < 0 ? table : table.substring(dot + 1);
    String schema = dot < 0 ? null : table.substring(0, dot);
    if (schema != null && schema.contains(".")) {
      schema = schema.substring(schema.lastIndexOf('.') + 1);
    }
    for (String rule : forbiddenTables) {
      if (rule.endsWith(".*")) {
        if (rule.substring(0, rule.length() - 2).equals(schema)) {
          return true;
        }
      } else if (rule.contains(".")) {
        if (rule.equals(schema + "." + bare)) {
          return true;
        }
      } else if (rule.equals(bare)) {
        return true;
      }
    }
    return false;
  }

  /** Lower case without identifier quotes: "Segments"."X" and segments.x are the same table. */
  private static String normalize(String name) {
    return name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT).strip();
  }

  private static String firstLine(JSQLParserException e) {
    String message = e.getMessage() == null ? "syntax error" : e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      message = e.getCause().getMessage();
    }
    String line = message.lines().findFirst().orElse("syntax error")
        .replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
