package press.crm.segments.config;

import java.util.Locale;
import java.util.Set;

/** How the server logs. */
public record LoggingOptions(boolean json, String level) {

  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  static LoggingOptions from(ConfigReader logging) {
    String level = logging.string("level").toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new ConfigException(logging.key("level"), "must be one of " + LEVELS);
    }
    return new LoggingOptions(logging.bool("json"), level);
  }
}
