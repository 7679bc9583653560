package press.crm.segments.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads token lifetimes like 30d, 12h, 15m or 90s. */
final class Ttl implements ITypeConverter<Duration> {

  /** Longer lifetimes make revocation the only defence; ten years is plenty. */
  static final Duration MAX = Duration.ofDays(3650);

  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([dhms])");

  @Override
  public Duration convert(String value) {
    Matcher matcher = FORM.matcher(value.trim());
    if (!matcher.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a lifetime like 30d, 12h, 15m or 90s");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration ttl = switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
    if (ttl.compareTo(MAX) > 0) {
      throw new TypeConversionException("'" + value + "' is longer than 3650d");
    }
    return ttl;
  }
}
