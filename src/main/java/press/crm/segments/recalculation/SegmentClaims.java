package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.RecalculationOptions;

/**
 * Makes sure each due segment is recalculated by exactly one instance: the work runs while
 * this instance holds a session-level PostgreSQL advisory lock on the segment, on a pooled
 * connection of its own. If the instance dies, PostgreSQL closes the session and drops the lock
 * at once; no lease has to expire.
 */
public final class SegmentClaims {

  /** First key of every lock we take, so our locks never collide with anyone else's. */
  public static final int LOCK_NAMESPACE = 0x53_45_47_52;

  private static final Logger LOG = LoggerFactory.getLogger(SegmentClaims.class);

  /** How a claim ended. */
  public enum Outcome {
    /** The work ran and succeeded. */
    DONE,
    /** The work ran and failed; the segment keeps its previous count. */
    FAILED,
    /** Another instance holds the segment right now. */
    CLAIMED_ELSEWHERE,
    /** Under the lock it turned out someone else had just done it, or it was deleted. */
    NO_LONGER_DUE
  }

  private final Pool pool;
  private final ScheduledSegments segments;
  private final RecalculationOptions options;
  private final Clock clock;
  private final FailureLog failures;

  /**
   * @param clock the clock due times are judged by; the evaluation verticle stamps
   *     calculations with the same (system) clock
   */
  public SegmentClaims(Pool pool, ScheduledSegments segments, RecalculationOptions options,
      Clock clock) {
    this.pool = pool;
    this.segments = segments;
    this.options = options;
    this.clock = clock;
    this.failures = new FailureLog(segments.tables());
  }

  /** The second lock key: the segment id, folded into 32 bits for ids beyond int range. */
  public static int lockKey(long segmentId) {
    return Long.hashCode(segmentId);
  }

  /**
   * Claims the segment, confirms under the lock that it is still due and runs the work; the
   * lock is released and the connection returned whatever happens.
   */
  public Future<Outcome> runIfStillDue(
      ScheduledSegment candidate, Function<ScheduledSegment, Future<?>> work) {
    return pool.getConnection().compose(connection ->
        tryLock(connection, candidate.id())
            .compose(locked -> locked
                ? underLock(connection, candidate, work)
                : Future.succeededFuture(Outcome.CLAIMED_ELSEWHERE))
            .eventually(connection::close));
  }

  private Future<Outcome> underLock(SqlConnection connection, ScheduledSegment candidate,
      Function<ScheduledSegment, Future<?>> work) {
    // Re-read under the lock: another instance may have finished it since our tick listed it.
    return segments.current(connection, candidate.id())
        .compose(current -> {
          if (current.isEmpty() || !current.get().isDue(options, clock.instant())) {
            return Future.succeededFuture(Outcome.NO_LONGER_DUE);
          }
          return record(connection, current.get(), work.apply(current.get()));
        })
        .eventually(() -> unlock(connection, candidate));
  }

  /** Notes the attempt in the failure log, still under the lock; the log is best effort. */
  private Future<Outcome> record(SqlConnection connection, ScheduledSegment segment,
      Future<?> attempt) {
    return attempt.transform(result -> {
      Future<Void> noted;
      if (result.succeeded()) {
        noted = segment.failedAt() == null ? Future.succeededFuture()
            : failures.succeeded(connection, segment.id());
      } else {
        noted = failures.failed(connection, segment.id(), clock.instant(),
            result.cause().getMessage());
      }
      Outcome outcome = result.succeeded() ? Outcome.DONE : Outcome.FAILED;
      return noted
          .recover(e -> {
            LOG.warn("Could not note the outcome of segment {} in the failure log: {}",
                segment.code(), e.getMessage());
            return Future.succeededFuture();
          })
          .map(outcome);
    });
  }

  private static Future<Boolean> tryLock(SqlConnection connection, long segmentId) {
    return connection.preparedQuery("SELECT pg_try_advisory_lock($1, $2) AS locked")
        .execute(Tuple.of(LOCK_NAMESPACE, lockKey(segmentId)))
        .map(rows -> rows.iterator().next().getBoolean("locked"));
  }

  private static Future<Void> unlock(SqlConnection connection, ScheduledSegment segment) {
    return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2) AS unlocked")
        .execute(Tuple.of(LOCK_NAMESPACE, lockKey(segment.id())))
        .<Void>mapEmpty()
        .recover(e -> {
          // The session is broken; PostgreSQL drops its locks together with it.
          LOG.warn("Releasing the recalculation lock of segment {} failed: {}", segment.code(),
              e.getMessage());
          return Future.succeededFuture();
        });
  }
}
