package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import press.crm.segments.bus.SegmentsException;

/**
 * Validates a parameter value against its declared type and writes it as SQL. Arrays are sorted
 * and de-duplicated, so equal values always give equal SQL (which {@code related} relies on).
 */
final class ParamValues {

  static final List<String> RELATIVE_UNITS = List.of("now", "hour", "day", "month");
  private static final Map<String, String> INTERVALS =
      Map.of("hour", "INTERVAL '1 hour'", "day", "INTERVAL '1 day'", "month", "INTERVAL '1 month'");
  private static final int MIN_YEAR = 1900;
  private static final int MAX_YEAR = 2200;

  private final String where;

  private ParamValues(String criterionKey, CriterionParam param) {
    this.where = "criterion '" + criterionKey + "', parameter '" + param.name() + "'";
  }

  /**
   * The SQL for {@code raw}, the value given in a criteria node (null when absent).
   *
   * @throws SegmentsException INVALID naming the criterion and parameter
   */
  static String render(String criterionKey, CriterionParam param, Object raw) {
    ParamValues values = new ParamValues(criterionKey, param);
    Object value = raw != null ? raw : param.defaultValue();
    if (value == null) {
      if (param.required()) {
        throw values.invalid("is required");
      }
      return absent(param);
    }
    return param.isRange() ? values.range(param, value) : values.scalar(param.type(), param, value);
  }

  /** What an optional parameter without a value stands for: no condition, or a typed NULL. */
  private static String absent(CriterionParam param) {
    if (param.isRange()) {
      return "TRUE";
    }
    return switch (param.type()) {
      case BOOLEAN -> "NULL::boolean";
      case STRING -> "NULL::text";
      case STRING_ARRAY -> "NULL::text[]";
      case NUMBER, DECIMAL -> "NULL::numeric";
      case NUMBER_ARRAY -> "NULL::numeric[]";
      case DATETIME -> "NULL::timestamptz";
    };
  }

  private String scalar(ParamType type, CriterionParam param, Object value) {
    return switch (type) {
      case BOOLEAN -> SqlLiterals.bool(bool(value));
      case STRING -> SqlLiterals.string(option(param, text(value)));
      case STRING_ARRAY -> SqlLiterals.stringArray(strings(param, value));
      case NUMBER -> SqlLiterals.integer(integer(value));
      case DECIMAL -> SqlLiterals.decimal(decimal(value));
      case NUMBER_ARRAY -> SqlLiterals.numberArray(integers(value));
      case DATETIME -> datetime(value);
    };
  }

  /** A range value: {gt, gte, lt, lte, eq}, each compared with the declared expression. */
  private String range(CriterionParam param, Object value) {
    if (!(value instanceof JsonObject bounds)) {
      if (param.type() != ParamType.DATETIME && value instanceof Number) {
        return "(" + param.expression() + " = " + scalar(param.type(), param, value) + ")";
      }
      throw invalid("must be an object with any of gt, gte, lt, lte, eq");
    }
    for (String operator : bounds.fieldNames()) {
      if (!RangeOperator.WIRE_NAMES.contains(operator)) {
        throw invalid("has an unknown operator '" + shorten(operator)
            + "' (use gt, gte, lt, lte, eq)");
      }
    }
    StringJoiner condition = new StringJoiner(" AND ", "(", ")");
    for (RangeOperator operator : RangeOperator.values()) {
      Object bound = bounds.getValue(operator.wire);
      if (bound != null) {
        condition.add(param.expression() + " " + operator.sql + " "
            + scalar(param.type(), param, bound));
      }
    }
    if (condition.length() == 2) {
      throw invalid("must contain at least one of gt, gte, lt, lte, eq");
    }
    return condition.toString();
  }

  private boolean bool(Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw invalid("must be true or false");
  }

  private String text(Object value) {
    if (!(value instanceof String text)) {
      throw invalid("must be a string");
    }
    if (text.length() > CriteriaLimits.MAX_STRING_LENGTH) {
      throw invalid("is longer than " + CriteriaLimits.MAX_STRING_LENGTH + " characters");
    }
    if (text.indexOf('\0') >= 0) {
      throw invalid("must not contain NUL characters");
    }
    return text;
  }

  private String option(CriterionParam param, String value) {
    if (!param.options().isEmpty() && !param.options().contains(value)) {
      throw invalid("has '" + shorten(value) + "', which is not one of " + param.options());
    }
    return value;
  }

  private JsonArray array(Object value) {
    if (!(value instanceof JsonArray array)) {
      throw invalid("must be a list");
    }
    if (array.isEmpty()) {
      throw invalid("must contain at least one value");
    }
    if (array.size() > CriteriaLimits.MAX_ARRAY_VALUES) {
      throw invalid("has more than " + CriteriaLimits.MAX_ARRAY_VALUES + " values");
    }
    return array;
  }

  private List<String> strings(CriterionParam param, Object value) {
    TreeSet<String> sorted = new TreeSet<>();
    for (Object item : array(value)) {
      sorted.add(option(param, text(item)));
    }
    return new ArrayList<>(sorted);
  }

  private List<BigDecimal> integers(Object value) {
    TreeSet<BigDecimal> sorted = new TreeSet<>();
    for (Object item : array(value)) {
      sorted.add(BigDecimal.valueOf(integer(item)));
    }
    return new ArrayList<>(sorted);
  }

  private long integer(Object value) {
    BigDecimal number = number(value);
    if (number.stripTrailingZeros().scale() > 0) {
      throw invalid("must be a whole number");
    }
    return number.longValueExact();
  }

  private BigDecimal decimal(Object value) {
    BigDecimal number = number(value).stripTrailingZeros();
    if (number.scale() > CriteriaLimits.MAX_SCALE) {
      throw invalid("has more than " + CriteriaLimits.MAX_SCALE + " decimal places");
    }
    return number.scale() < 0 ? number.setScale(0) : number;
  }

  private BigDecimal number(Object value) {
    if (!(value instanceof Number number) || value instanceof Double d && !Double.isFinite(d)
        || value instanceof Float f && !Float.isFinite(f)) {
      throw invalid("must be a number");
    }
    BigDecimal parsed = value instanceof BigInteger big ? new BigDecimal(big)
        : new BigDecimal(number.toString());
    if (parsed.abs().compareTo(BigDecimal.valueOf(CriteriaLimits.MAX_MAGNITUDE)) > 0) {
      throw invalid("must be between -" + CriteriaLimits.MAX_MAGNITUDE + " and "
          + CriteriaLimits.MAX_MAGNITUDE);
    }
    return parsed;
  }

  /** An absolute date or date-time, or a relative {unit, value} counted from now. */
  private String datetime(Object value) {
    if (value instanceof JsonObject relative) {
      return relative(relative);
    }
    if (!(value instanceof String text) || text.length() > 40) {
      throw invalid("must be a date, a date-time or {\"unit\", \"value\"}");
    }
    Instant instant = parseInstant(text.trim());
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw invalid("must be a date between " + MIN_YEAR + " and " + MAX_YEAR);
    }
    return SqlLiterals.timestamp(instant);
  }

  private Instant parseInstant(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + "T" + text.substring(11) : text;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          throw invalid("has '" + shorten(text) + "', which is not an ISO-8601 date or date-time");
        }
      }
    }
  }

  private String relative(JsonObject relative) {
    for (String field : relative.fieldNames()) {
      if (!field.equals("unit") && !field.equals("value")) {
        throw invalid("has an unknown field '" + shorten(field) + "' (use unit and value)");
      }
    }
    Object unit = relative.getValue("unit");
    if (!(unit instanceof String name) || !RELATIVE_UNITS.contains(name)) {
      throw invalid("must have a unit of " + RELATIVE_UNITS);
    }
    if (name.equals("now")) {
      return "now()";
    }
    if (relative.getValue("value") == null) {
      throw invalid("must have a value: how many " + name + "s from now (negative: ago)");
    }
    long count = integer(relative.getValue("value"));
    if (Math.abs(count) > CriteriaLimits.MAX_RELATIVE) {
      throw invalid("must have a value between -" + CriteriaLimits.MAX_RELATIVE + " and "
          + CriteriaLimits.MAX_RELATIVE);
    }
    return "(now() + " + SqlLiterals.integer(count) + " * " + INTERVALS.get(name) + ")";
  }

  private SegmentsException invalid(String problem) {
    return SegmentsException.invalid(where + " " + problem);
  }

  /** Echoes at most a short prefix of a caller's text in a message. */
  static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
