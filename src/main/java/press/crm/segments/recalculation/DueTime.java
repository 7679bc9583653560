package press.crm.segments.recalculation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.segment.Periodicity;

/**
 * The due-time rule: when a segment must next be recalculated, as a pure function of its
 * periodicity, its last calculation, the configuration and the current instant.
 *
 * <ul>
 *   <li>{@code days}: at {@code daily_time} on the calendar day (in {@code timezone}) N days
 *       after the day of the last calculation, so a run finishing at 04:00:40 is next due at
 *       04:00, never later and later;</li>
 *   <li>{@code hours}: at minute {@code hourly_minute} of the hour N hours after the clock hour
 *       of the last calculation (hours are elapsed hours, so across a DST change every hour
 *       still fires exactly once);</li>
 *   <li>{@code minutes}: N minutes after the last calculation;</li>
 *   <li>never calculated: due at once.</li>
 * </ul>
 *
 * <p>A segment whose last attempt failed is retried one minute after the failure, then after
 * 2, 4, 8 … minutes while it keeps failing, but never later than one period after the failure.
 *
 * <p>Only the last calculation counts, so after downtime an overdue segment runs once and its
 * next due time follows from that run. A daily time that does not exist on a day (spring DST
 * gap) is due at the first instant after the gap; one that exists twice (autumn) at its first
 * occurrence, and the run then moves the segment to the next day, so it fires once.
 */
public final class DueTime {

  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  private DueTime() {
  }

  /** The periodicity that applies: the segment's own, or the configured default. */
  public static Periodicity effective(Periodicity periodicity, RecalculationOptions options) {
    return periodicity != null ? periodicity : options.defaultPeriodicity();
  }

  /** The instant from which a segment last calculated at {@code lastCalculatedAt} is due. */
  public static Instant nextDue(
      Periodicity periodicity, Instant lastCalculatedAt, RecalculationOptions options) {
    Objects.requireNonNull(lastCalculatedAt, "lastCalculatedAt");
    Periodicity applied = effective(periodicity, options);
    ZoneId zone = options.timezone();
    int amount = applied.amount();
    return switch (applied.unit()) {
      case MINUTES -> lastCalculatedAt.plus(amount, ChronoUnit.MINUTES);
      case HOURS -> lastCalculatedAt.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant()
          .plus(amount, ChronoUnit.HOURS)
          .plus(options.hourlyMinute(), ChronoUnit.MINUTES);
      case DAYS -> {
        LocalDate day = lastCalculatedAt.atZone(zone).toLocalDate().plusDays(amount);
        yield firstInstantOf(day.atTime(options.dailyTime()), zone);
      }
    };
  }

  /** Whether the segment must be recalculated at {@code now}; never calculated means yes. */
  public static boolean isDue(Periodicity periodicity, Instant lastCalculatedAt,
      RecalculationOptions options, Instant now) {
    if (lastCalculatedAt == null) {
      return true;
    }
    return !now.isBefore(nextDue(periodicity, lastCalculatedAt, options));
  }

  /**
   * The earliest retry after {@code failures} consecutive failed attempts, the last one at
   * {@code failedAt}.
   */
  public static Instant retryAfterFailure(Periodicity periodicity, Instant failedAt,
      int failures, RecalculationOptions options) {
    Duration period = length(effective(periodicity, options));
    Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20));
    return failedAt.plus(pause.compareTo(period) < 0 ? pause : period);
  }

  /**
   * Whether the segment must be recalculated at {@code now}, given its last failed attempt
   * ({@code failedAt} null when it is not failing); a failure older than the last successful
   * calculation no longer counts.
   */
  public static boolean isDue(Periodicity periodicity, Instant lastCalculatedAt,
      Instant failedAt, int failures, RecalculationOptions options, Instant now) {
    if (!isDue(periodicity, lastCalculatedAt, options, now)) {
      return false;
    }
    if (failedAt == null || lastCalculatedAt != null && !failedAt.isAfter(lastCalculatedAt)) {
      return true;
    }
    return !now.isBefore(retryAfterFailure(periodicity, failedAt, failures, options));
  }

  /** A rough length of one period, to run short periodicities first. */
  public static Duration length(Periodicity periodicity) {
    ChronoUnit unit = switch (periodicity.unit()) {
      case MINUTES -> ChronoUnit.MINUTES;
      case HOURS -> ChronoUnit.HOURS;
      case DAYS -> ChronoUnit.DAYS;
    };
    return unit.getDuration().multipliedBy(periodicity.amount());
  }

  /**
   * The instant a local time first occurs: its earlier offset when the clocks go back, the end
   * of the gap when the clocks jump over it.
   */
  static Instant firstInstantOf(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    Instant earliest = local.toInstant(offsets.get(0));
    for (ZoneOffset offset : offsets) {
      Instant candidate = local.toInstant(offset);
      if (candidate.isBefore(earliest)) {
        earliest = candidate;
      }
    }
    return earliest;
  }
}
