package press.crm.segments.recalculation;

import java.time.Duration;
import java.time.Instant;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.segment.Periodicity;

/**
 * What the scheduler knows of a segment: its own periodicity (null = the default), when it was
 * last calculated (null = never) and the database clock when that was read.
 */
public record ScheduledSegment(
    long id, String code, Periodicity periodicity, Instant lastCalculatedAt,
    Instant databaseNow) {

  /** Due by the database's clock, which is also the clock the calculation time is stored by. */
  public boolean isDue(RecalculationOptions options) {
    return DueTime.isDue(periodicity, lastCalculatedAt, options, databaseNow);
  }

  /** The length of one period, for running the shortest periodicities first. */
  public Duration period(RecalculationOptions options) {
    return DueTime.length(DueTime.effective(periodicity, options));
  }
}
