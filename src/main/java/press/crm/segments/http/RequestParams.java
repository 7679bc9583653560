package press.crm.segments.http;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates query parameters; every problem is an {@link InvalidInput} naming the
 * parameter. Values are only ever bound as SQL parameters, but they are still checked here so
 * callers get a clear 400 instead of a silent miss.
 */
public final class RequestParams {

  /** Longest code, name or other short text accepted anywhere. */
  public static final int MAX_TEXT = 255;
  /** Codes: letters, digits, '_' and '-', as REMP uses them. */
  public static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private RequestParams() {
  }

  /** A parameter given at most once; null when absent or empty. */
  public static String optional(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw new InvalidInput(name, "must be given only once");
    }
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return null;
    }
    String value = values.get(0);
    if (value.length() > MAX_TEXT) {
      throw new InvalidInput(name, "must be at most " + MAX_TEXT + " characters long");
    }
    return value;
  }

  public static String required(RoutingContext ctx, String name) {
    String value = optional(ctx, name);
    if (value == null) {
      throw new InvalidInput(name, "is required");
    }
    return value;
  }

  /** A segment or group code: required, letters, digits, '_' and '-'. */
  public static String code(RoutingContext ctx, String name) {
    return checkCode(name, required(ctx, name));
  }

  /** An optional code; null when absent. */
  public static String optionalCode(RoutingContext ctx, String name) {
    String value = optional(ctx, name);
    return value == null ? null : checkCode(name, value);
  }

  static String checkCode(String name, String value) {
    if (!CODE.matcher(value).matches()) {
      throw new InvalidInput(name, "must consist of letters, digits, '_' and '-'");
    }
    return value;
  }

  /** A positive whole-number id. */
  public static long id(RoutingContext ctx, String name) {
    String value = required(ctx, name);
    if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) < 1) {
      throw new InvalidInput(name, "must be a positive whole number");
    }
    return Long.parseLong(value);
  }

  public static boolean bool(RoutingContext ctx, String name) {
    String value = required(ctx, name);
    return switch (value) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new InvalidInput(name, "must be true or false");
    };
  }

  /** A calendar day written YYYY-MM-DD. */
  public static LocalDate day(RoutingContext ctx, String name) {
    String value = required(ctx, name);
    try {
      return LocalDate.parse(value, DAY);
    } catch (DateTimeParseException e) {
      throw new InvalidInput(name, "must be a date written YYYY-MM-DD");
    }
  }
}
