package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract;

/**
 * Resolved segments by code, so a membership check does not reload its definition (and those
 * it nests) on every request. Everything is forgotten when a definition changes: at once for
 * changes made in this process (an event-bus publication that arrives before the change is
 * answered), within milliseconds for other instances (LISTEN on
 * {@link BusContract#DEFINITIONS_CHANGED_CHANNEL}, and again after every reconnect, since
 * notifications sent meanwhile are lost), and after {@code evaluation.definition_cache_seconds}
 * at the latest for edits made directly in the database. Touched only on its verticle's event
 * loop.
 */
final class DefinitionCache {

  private static final Logger LOG = LoggerFactory.getLogger(DefinitionCache.class);
  private static final long RECONNECT_DELAY_MS = 1_000;

  private record Entry(Future<ResolvedSegment> segment, long loadedAtMs) {
  }

  private final Vertx vertx;
  private final long ttlMs;
  private final PgSubscriber subscriber;
  private final Map<String, Entry> entries = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  DefinitionCache(Vertx vertx, PgConnectOptions connect, int ttlSeconds) {
    this.vertx = vertx;
    this.ttlMs = ttlSeconds * 1000L;
    this.subscriber = ttlMs == 0 ? null
        : PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
  }

  /** Starts listening for changes; without a cache there is nothing to listen for. */
  Future<Void> start() {
    if (subscriber == null) {
      return Future.succeededFuture();
    }
    consumer = vertx.eventBus().localConsumer(BusContract.DEFINITIONS_CHANGED,
        message -> entries.clear());
    subscriber.channel(BusContract.DEFINITIONS_CHANGED_CHANNEL)
        .handler(payload -> entries.clear())
        .subscribeHandler(ignored -> entries.clear());
    return subscriber.connect().recover(e -> {
      // Without the listener only the time bound applies; the subscriber keeps retrying.
      LOG.warn("Listening for segment changes failed, definitions expire after {} ms: {}",
          ttlMs, e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** The cached resolution of {@code code}, or a fresh one from {@code load}. */
  Future<ResolvedSegment> get(String code, Supplier<Future<ResolvedSegment>> load) {
    if (subscriber == null) {
      return load.get();
    }
    long now = System.currentTimeMillis();
    Entry entry = entries.get(code);
    if (entry != null && now - entry.loadedAtMs() < ttlMs && !entry.segment().failed()) {
      return entry.segment();
    }
    Future<ResolvedSegment> loading = load.get();
    Entry fresh = new Entry(loading, now);
    entries.put(code, fresh);
    // Failures (an unknown code, a database outage) are not remembered.
    loading.onFailure(e -> entries.remove(code, fresh));
    return loading;
  }

  Future<Void> stop() {
    if (subscriber == null) {
      return Future.succeededFuture();
    }
    return consumer.unregister().compose(ignored -> subscriber.close());
  }
}
