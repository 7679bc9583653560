package press.crm.segments.evaluation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.segment.SchemaTables;

/**
 * Recounts a saved segment and stores the result — cache_count, cache_count_time,
 * cache_count_updated_at and a segments_values row — in one transaction, so a failure leaves
 * the previous count untouched. Logs one line per recalculation whatever triggered it.
 */
public final class Recalculation {

  private static final Logger LOG = LoggerFactory.getLogger(Recalculation.class);

  private final Evaluator evaluator;
  private final Pool pool;
  private final SchemaTables tables;
  private final long slowThresholdMs;
  private final MeterRegistry meters;
  private final Timer duration;

  public Recalculation(Evaluator evaluator, Pool pool, SchemaTables tables,
      int slowThresholdSeconds, MeterRegistry meters) {
    this.evaluator = evaluator;
    this.pool = pool;
    this.tables = tables;
    this.slowThresholdMs = slowThresholdSeconds * 1000L;
    this.meters = meters;
    this.duration = Timer.builder("segments.recalculation.duration")
        .description("Time to count a segment and store the result")
        .publishPercentileHistogram()
        .register(meters);
  }

  public Future<JsonObject> recalculate(String code) {
    long started = System.nanoTime();
    return evaluator.resolve(new JsonObject().put(Fields.CODE, code))
        .compose(evaluator::count)
        .compose(counted -> store(code, counted))
        .andThen(result -> record(code, started, result.succeeded() ? result.result() : null,
            result.cause()));
  }

  private Future<JsonObject> store(String code, JsonObject counted) {
    long count = counted.getLong(Fields.COUNT);
    double seconds = counted.getDouble(Fields.TIME);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return pool.withTransaction(conn -> conn
        .preparedQuery("UPDATE " + tables.segments() + " SET cache_count = $1,"
            + " cache_count_time = $2, cache_count_updated_at = $3"
            + " WHERE code = $4 AND deleted_at IS NULL RETURNING id")
        .execute(Tuple.of(count, seconds, now, code))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.failedFuture(SegmentsException.notFound("Segment does not exist"));
          }
          long id = rows.iterator().next().getLong("id");
          return conn.preparedQuery("INSERT INTO " + tables.values()
                  + " (segment_id, date, value) VALUES ($1, $2, $3)")
              .execute(Tuple.of(id, now, count));
        }))
        .map(ignored -> new JsonObject()
            .put(Fields.CODE, code).put(Fields.COUNT, count).put(Fields.TIME, seconds));
  }

  private void record(String code, long started, JsonObject result, Throwable failure) {
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    duration.record(elapsedMs, TimeUnit.MILLISECONDS);
    String outcome = failure == null ? "ok" : "failed";
    Counter.builder("segments.recalculations").tag("outcome", outcome)
        .description("Segment recalculations by outcome").register(meters).increment();
    if (failure == null) {
      LOG.info("Recalculated segment={} count={} duration_ms={} outcome=ok",
          code, result.getLong(Fields.COUNT), elapsedMs);
    } else {
      LOG.warn("Recalculated segment={} duration_ms={} outcome=failed reason=\"{}\"",
          code, elapsedMs, SqlFailures.classify(failure).getMessage());
    }
    if (elapsedMs > slowThresholdMs) {
      LOG.warn("Slow recalculation segment={} duration_ms={} threshold_ms={}",
          code, elapsedMs, slowThresholdMs);
    }
  }
}
