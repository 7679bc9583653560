package press.crm.segments.http.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;

/**
 * The revoked token ids one HTTP verticle instance refuses. Loaded at start, extended by
 * LISTEN on {@link RevocationStore#CHANNEL} (the subscriber reconnects by itself and reloads
 * on every reconnect, since notifications sent meanwhile are lost) and reloaded periodically
 * as a safety net. Only touched on the verticle's event loop.
 */
public final class RevokedTokens {

  private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);
  private static final long RECONNECT_DELAY_MS = 1_000;

  private final Vertx vertx;
  private final Pool pool;
  private final RevocationStore store;
  private final PgSubscriber subscriber;
  private final long reloadMs;
  private Set<String> revoked = new HashSet<>();
  /** Ids notified while a reload query runs; the query may have started before their commit. */
  private final List<Set<String>> arrivingDuringReload = new ArrayList<>();
  private long timer = -1;

  public RevokedTokens(Vertx vertx, Pool pool, RevocationStore store, AppConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.reloadMs = config.auth().revocationReloadSeconds() * 1000L;
    this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(config.database()))
        .reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
  }

  /** Loads the list, then starts listening; fails when the database cannot be read. */
  public Future<Void> start() {
    subscriber.channel(RevocationStore.CHANNEL)
        .handler(this::add)
        .subscribeHandler(ignored -> reload());
    return reload()
        .compose(ignored -> subscriber.connect())
        .onSuccess(ignored -> timer = vertx.setPeriodic(reloadMs, id -> reload()));
  }

  public boolean contains(String jti) {
    return jti != null && revoked.contains(jti);
  }

  private void add(String jti) {
    if (jti != null && !jti.isEmpty()) {
      revoked.add(jti);
      arrivingDuringReload.forEach(arrived -> arrived.add(jti));
    }
  }

  private Future<Void> reload() {
    Set<String> arrived = new HashSet<>();
    arrivingDuringReload.add(arrived);
    return store.load(pool)
        .andThen(ignored -> arrivingDuringReload.remove(arrived))
        .onSuccess(loaded -> {
          // Replacing the set lets revocations of expired tokens go.
          loaded.addAll(arrived);
          revoked = loaded;
        })
        .onFailure(e -> LOG.warn("Reloading revoked tokens failed; keeping the last list: {}",
            e.getMessage()))
        .mapEmpty();
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return subscriber.close();
  }
}
