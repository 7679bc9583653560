package press.crm.segments.recalculation;

import java.time.Duration;
import java.time.Instant;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.segment.Periodicity;

/**
 * What the scheduler knows of a segment: its own periodicity (null = the default), when it was
 * last calculated (null = never) and, while it keeps failing, its last failed attempt (null
 * when it is not failing) and how many attempts in a row failed.
 */
public record ScheduledSegment(
    long id, String code, Periodicity periodicity, Instant lastCalculatedAt,
    Instant failedAt, int failures) {

  /** A segment with no failed attempt on record. */
  public ScheduledSegment(long id, String code, Periodicity periodicity,
      Instant lastCalculatedAt) {
    this(id, code, periodicity, lastCalculatedAt, null, 0);
  }

  /** Whether it is due at {@code now}, a failing segment only once its retry pause is over. */
  public boolean isDue(RecalculationOptions options, Instant now) {
    return DueTime.isDue(periodicity, lastCalculatedAt, failedAt, failures, options, now);
  }

  /** The length of one period, for running the shortest periodicities first. */
  public Duration period(RecalculationOptions options) {
    return DueTime.length(DueTime.effective(periodicity, options));
  }
}
