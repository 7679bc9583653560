package press.crm.segments.segment;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** How often a segment is recalculated: every {@code amount} {@code unit}s. */
public record Periodicity(int amount, Unit unit) {

  /** The units an operator can choose. */
  public enum Unit {
    MINUTES, HOURS, DAYS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final int MAX_AMOUNT = 10_000;

  public Periodicity {
    if (amount < 1 || amount > MAX_AMOUNT) {
      throw new IllegalArgumentException("amount must be between 1 and " + MAX_AMOUNT);
    }
    if (unit == null) {
      throw new IllegalArgumentException("unit must be minutes, hours or days");
    }
  }

  /**
   * Reads {@code {"amount": N, "unit": "minutes"|"hours"|"days"}}.
   *
   * @throws IllegalArgumentException with a message fit for the caller when the value is invalid
   */
  public static Periodicity fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("must be an object {\"amount\": N, \"unit\": ...}");
    }
    Object amount = json.getValue("amount");
    Object unit = json.getValue("unit");
    if (!(amount instanceof Number number) || !isWhole(number)
        || number.doubleValue() > MAX_AMOUNT || number.doubleValue() < 1) {
      throw new IllegalArgumentException(
          "amount must be a whole number between 1 and " + MAX_AMOUNT);
    }
    if (!(unit instanceof String text)) {
      throw new IllegalArgumentException("unit must be minutes, hours or days");
    }
    Unit parsed;
    try {
      parsed = Unit.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unit must be minutes, hours or days, got '" + text + "'");
    }
    return new Periodicity(number.intValue(), parsed);
  }

  private static boolean isWhole(Number number) {
    return number.doubleValue() == Math.rint(number.doubleValue());
  }

  public JsonObject toJson() {
    return new JsonObject().put("amount", amount).put("unit", unit.wireName());
  }
}
