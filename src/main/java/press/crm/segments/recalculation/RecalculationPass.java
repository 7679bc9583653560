package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.recalculation.SegmentClaims.Outcome;

/**
 * One run of the scheduler: list the segments, keep the due ones, shortest periodicity first,
 * and have the evaluation verticle recalculate each under this instance's claim, a bounded
 * number at a time.
 */
public final class RecalculationPass {

  private static final Logger LOG = LoggerFactory.getLogger(RecalculationPass.class);

  private final EventBus eventBus;
  private final SqlClient client;
  private final ScheduledSegments segments;
  private final SegmentClaims claims;
  private final RecalculationOptions options;
  private final int parallelism;
  private final DeliveryOptions delivery;
  private final Clock clock;

  /**
   * @param recalculateTimeoutMs how long to wait for the evaluation verticle's reply; it must
   *     exceed the statement timeout, or the lock would be released while the count still runs
   */
  public RecalculationPass(EventBus eventBus, SqlClient client, ScheduledSegments segments,
      SegmentClaims claims, RecalculationOptions options, int parallelism,
      long recalculateTimeoutMs, Clock clock) {
    this.eventBus = eventBus;
    this.client = client;
    this.segments = segments;
    this.claims = claims;
    this.options = options;
    this.parallelism = parallelism;
    this.delivery = new DeliveryOptions().setSendTimeout(recalculateTimeoutMs);
    this.clock = clock;
  }

  /** The due segments, shortest periodicity first, then the longest-waiting first. */
  public Future<List<ScheduledSegment>> due() {
    Comparator<ScheduledSegment> order = Comparator
        .comparing((ScheduledSegment s) -> s.period(options))
        .thenComparing(s -> s.lastCalculatedAt() == null ? 0L
            : s.lastCalculatedAt().toEpochMilli())
        .thenComparing(ScheduledSegment::code);
    return segments.all(client).map(all -> all.stream()
        .filter(segment -> segment.isDue(options, clock.instant()))
        .sorted(order)
        .toList());
  }

  /** Recalculates the given due segments; completes when all of them are handled. */
  public Future<Void> run(List<ScheduledSegment> due, BooleanSupplier keepGoing) {
    return BoundedParallel.forEach(due, parallelism, keepGoing, segment ->
        claims.runIfStillDue(segment, this::recalculate)
            .onSuccess(outcome -> {
              if (outcome == Outcome.CLAIMED_ELSEWHERE || outcome == Outcome.NO_LONGER_DUE) {
                LOG.debug("Segment {} skipped: {}", segment.code(), outcome);
              }
            })
            .onFailure(e -> LOG.warn("Could not claim segment {} for recalculation: {}",
                segment.code(), e.getMessage())));
  }

  private Future<JsonObject> recalculate(ScheduledSegment segment) {
    JsonObject request = new JsonObject().put(BusContract.Fields.CODE, segment.code());
    return eventBus.<JsonObject>request(BusContract.RECALCULATE, request, delivery)
        .map(reply -> reply.body())
        .onFailure(e -> logFailure(segment, e));
  }

  /**
   * The evaluation verticle logs every recalculation it runs, failures included; only failures
   * it never saw (no consumer, no reply in time) are logged here.
   */
  private static void logFailure(ScheduledSegment segment, Throwable failure) {
    if (failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      LOG.debug("Scheduled recalculation of segment {} failed: {}", segment.code(),
          reply.getMessage());
      return;
    }
    LOG.warn("Scheduled recalculation of segment {} got no answer from the evaluation verticle:"
        + " {}", segment.code(), failure.getMessage());
  }
}
