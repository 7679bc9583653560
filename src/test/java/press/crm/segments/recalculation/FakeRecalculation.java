package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;

/**
 * Stands in for the evaluation engine's RECALCULATE consumer in the scheduler's own tests:
 * stores a fixed count the way the engine does (one transaction), after an optional delay,
 * and fails for the codes it is told to.
 */
final class FakeRecalculation {

  static final long COUNT = 7;

  private final Vertx vertx;
  private final Pool pool;
  private final long delayMs;
  private final Set<String> failing;
  private final Map<String, AtomicInteger> calls;
  private Duration clockShift = Duration.ZERO;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final List<String> order = Collections.synchronizedList(new ArrayList<>());
  private MessageConsumer<JsonObject> consumer;

  private FakeRecalculation(Vertx vertx, JsonObject config, long delayMs, Set<String> failing,
      Map<String, AtomicInteger> calls) {
    this.vertx = vertx;
    this.pool = Database.pool(vertx, AppConfig.from(config).database(), "fake-recalculation");
    this.delayMs = delayMs;
    this.failing = failing;
    this.calls = calls;
  }

  /** Registers the consumer; {@code calls} may be shared between fakes on several instances. */
  static FakeRecalculation register(Vertx vertx, JsonObject config, long delayMs,
      Set<String> failing, Map<String, AtomicInteger> calls) {
    FakeRecalculation fake = new FakeRecalculation(vertx, config, delayMs, failing, calls);
    fake.consumer = vertx.eventBus().consumer(BusContract.RECALCULATE, fake::handle);
    SchedulerFixtures.await(fake.consumer.completion());
    return fake;
  }

  static FakeRecalculation register(Vertx vertx, JsonObject config) {
    return register(vertx, config, 0, Set.of(), new ConcurrentHashMap<>());
  }

  /** Stamps calculations this far from the database's clock, to match a shifted scheduler. */
  FakeRecalculation shiftedBy(Duration shift) {
    this.clockShift = shift;
    return this;
  }

  List<String> order() {
    synchronized (order) {
      return List.copyOf(order);
    }
  }

  /** The most recalculations this fake had in progress at once. */
  int mostAtOnce() {
    return mostRunning.get();
  }

  int calls(String code) {
    AtomicInteger count = calls.get(code);
    return count == null ? 0 : count.get();
  }

  Future<Void> close() {
    return consumer.unregister().compose(ignored -> pool.close());
  }

  private void handle(Message<JsonObject> message) {
    String code = message.body().getString(BusContract.Fields.CODE);
    order.add(code);
    calls.computeIfAbsent(code, ignored -> new AtomicInteger()).incrementAndGet();
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    Future<Void> pause = delayMs > 0 ? vertx.timer(delayMs).mapEmpty() : Future.succeededFuture();
    pause.compose(ignored -> failing.contains(code)
            ? Future.failedFuture("division by zero")
            : store(code))
        .onComplete(ignored -> running.decrementAndGet())
        .onSuccess(reply -> message.reply(reply))
        .onFailure(e -> message.fail(FailureCode.INVALID.code(), e.getMessage()));
  }

  private Future<JsonObject> store(String code) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("UPDATE segments.segments SET cache_count = $2, cache_count_time = 0.01,"
            + " cache_count_updated_at = now() + $3 * interval '1 ms'"
            + " WHERE code = $1 AND deleted_at IS NULL RETURNING id, cache_count_updated_at")
        .execute(Tuple.of(code, COUNT, clockShift.toMillis()))
        .compose(rows -> connection
            .preparedQuery("INSERT INTO segments.segments_values (segment_id, date, value)"
                + " VALUES ($1, $2, $3)")
            .execute(Tuple.of(rows.iterator().next().getLong("id"),
                rows.iterator().next().getOffsetDateTime("cache_count_updated_at"), COUNT)))
        .map(ignored -> new JsonObject().put("code", code).put("count", COUNT)
            .put("time", 0.01)));
  }
}
