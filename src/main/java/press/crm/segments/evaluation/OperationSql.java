package press.crm.segments.evaluation;

import java.util.List;
import java.util.StringJoiner;
import press.crm.segments.config.TableOptions;

/**
 * The statements each operation runs around a segment's expanded query, which is always
 * wrapped as a sub-select named {@code seg}. The wrapped query sits on lines of its own so a
 * trailing line comment in it cannot swallow the closing parenthesis.
 */
public final class OperationSql {

  private OperationSql() {
  }

  public static String count(String base, TableOptions table) {
    return "SELECT count(DISTINCT seg." + table.primaryKey() + ") AS count FROM " + wrap(base);
  }

  /** Membership by primary key; the key is parameter $1. */
  public static String checkById(String base, TableOptions table) {
    return "SELECT EXISTS (SELECT 1 FROM " + wrap(base) + " WHERE seg." + table.primaryKey()
        + " = $1::bigint) AS member";
  }

  /** Membership by e-mail on the user table; the address is parameter $1. */
  public static String checkByEmail(String base, TableOptions users) {
    String pk = users.primaryKey();
    return "SELECT EXISTS (SELECT 1 FROM " + wrap(base) + " JOIN " + users.name()
        + " AS member_row ON member_row." + pk + " = seg." + pk
        + " WHERE member_row.email = $1) AS member";
  }

  /** Every member once, in primary-key order, with the given output columns. */
  public static String members(String base, TableOptions table, List<String> columns) {
    return "SELECT DISTINCT ON (seg." + table.primaryKey() + ") " + select(columns) + " FROM "
        + wrap(base) + " ORDER BY seg." + table.primaryKey();
  }

  /** The first members, at most parameter $1 of them. */
  public static String items(String base, TableOptions table, List<String> columns) {
    return members(base, table, columns) + " LIMIT $1";
  }

  /** Strips trailing semicolons, which would end the statement inside the wrapper. */
  public static String trimStatement(String sql) {
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }

  private static String wrap(String base) {
    return "(\n" + trimStatement(base) + "\n) AS seg";
  }

  private static String select(List<String> columns) {
    StringJoiner joiner = new StringJoiner(", ");
    for (String column : columns) {
      joiner.add("seg." + QueryExpander.columnName(column));
    }
    return joiner.toString();
  }
}
