package press.crm.segments.recalculation;

import java.time.Duration;
import java.time.Instant;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.segment.Periodicity;

/**
 * What the scheduler knows of a segment: its own periodicity (null = the default) and when it
 * was last calculated (null = never).
 */
public record ScheduledSegment(
    long id, String code, Periodicity periodicity, Instant lastCalculatedAt) {

  /** Whether it is due at {@code now}. */
  public boolean isDue(RecalculationOptions options, Instant now) {
    return DueTime.isDue(periodicity, lastCalculatedAt, options, now);
  }

  /** The length of one period, for running the shortest periodicities first. */
  public Duration period(RecalculationOptions options) {
    return DueTime.length(DueTime.effective(periodicity, options));
  }
}
