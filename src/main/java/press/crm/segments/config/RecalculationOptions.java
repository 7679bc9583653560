package press.crm.segments.config;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import press.crm.segments.segment.Periodicity;

/** When the timer recalculates segments. */
public record RecalculationOptions(
    boolean enabled,
    int tickSeconds,
    LocalTime dailyTime,
    int hourlyMinute,
    ZoneId timezone,
    Periodicity defaultPeriodicity,
    int parallelism,
    int slowThresholdSeconds) {

  private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{2}):(\\d{2})");

  static RecalculationOptions from(ConfigReader recalculation) {
    return new RecalculationOptions(
        recalculation.bool("enabled"),
        recalculation.integer("tick_seconds", 1, 3600),
        dailyTime(recalculation),
        recalculation.integer("hourly_minute", 0, 59),
        timezone(recalculation),
        periodicity(recalculation),
        recalculation.integer("parallelism", 1, 256),
        recalculation.integer("slow_threshold_seconds", 1, 86_400));
  }

  private static LocalTime dailyTime(ConfigReader recalculation) {
    String value = recalculation.string("daily_time");
    Matcher m = TIME_OF_DAY.matcher(value);
    if (!m.matches()) {
      throw new ConfigException(recalculation.key("daily_time"),
          "must be a time of day HH:MM, got '" + value + "'");
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = Integer.parseInt(m.group(2));
    if (hour > 23 || minute > 59) {
      throw new ConfigException(recalculation.key("daily_time"),
          "must be a time of day between 00:00 and 23:59, got '" + value + "'");
    }
    return LocalTime.of(hour, minute);
  }

  private static ZoneId timezone(ConfigReader recalculation) {
    String value = recalculation.string("timezone");
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new ConfigException(recalculation.key("timezone"),
          "is not a known time zone: '" + value + "'");
    }
  }

  private static Periodicity periodicity(ConfigReader recalculation) {
    Object value = recalculation.json().getValue("default_periodicity");
    if (value instanceof String text) {
      try {
        value = new JsonObject(text);
      } catch (RuntimeException e) {
        value = null;
      }
    }
    try {
      return Periodicity.fromJson(value instanceof JsonObject json ? json : null);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(recalculation.key("default_periodicity"), e.getMessage());
    }
  }
}
