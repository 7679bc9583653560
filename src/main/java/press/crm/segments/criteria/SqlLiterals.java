package press.crm.segments.criteria;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import press.crm.segments.bus.SegmentsException;

/**
 * Writes validated values as PostgreSQL literals. Compiled criteria are stored and nested as SQL
 * text, so nothing can be bound; every value therefore goes through here, never raw.
 */
public final class SqlLiterals {

  private SqlLiterals() {
  }

  /**
   * A string literal. Quotes are doubled; a backslash switches to an {@code E''} literal with
   * backslashes doubled, so the result means the same whatever standard_conforming_strings is;
   * {@code %} is written as {@code chr(37)} because the evaluation expands {@code %...%}
   * placeholders anywhere in the SQL text, string literals included.
   */
  public static String string(String value) {
    if (value.indexOf('\0') >= 0) {
      throw SegmentsException.invalid("text values must not contain NUL characters");
    }
    String[] parts = value.split("%", -1);
    if (parts.length == 1) {
      return quoted(value);
    }
    StringJoiner joined = new StringJoiner(" || chr(37) || ", "(", ")");
    for (String part : parts) {
      joined.add(quoted(part));
    }
    return joined.toString();
  }

  private static String quoted(String value) {
    String doubled = value.replace("'", "''");
    if (doubled.indexOf('\\') >= 0) {
      return "E'" + doubled.replace("\\", "\\\\") + "'";
    }
    return "'" + doubled + "'";
  }

  public static String bool(boolean value) {
    return value ? "TRUE" : "FALSE";
  }

  /** An integer, parenthesised when negative so "x-:n" can never become a "--" comment. */
  public static String integer(long value) {
    return value < 0 ? "(" + value + ")" : Long.toString(value);
  }

  /** A decimal written from its parsed value, parenthesised so a minus sign binds to it. */
  public static String decimal(BigDecimal value) {
    String plain = value.toPlainString();
    return value.signum() < 0 ? "(" + plain + ")" : plain;
  }

  public static String timestamp(Instant value) {
    return "TIMESTAMPTZ '" + value + "'";
  }

  public static String stringArray(List<String> values) {
    StringJoiner joined = new StringJoiner(", ", "ARRAY[", "]::text[]");
    values.forEach(value -> joined.add(string(value)));
    return joined.toString();
  }

  public static String numberArray(List<BigDecimal> values) {
    StringJoiner joined = new StringJoiner(", ", "ARRAY[", "]::numeric[]");
    values.forEach(value -> joined.add(decimal(value)));
    return joined.toString();
  }
}
