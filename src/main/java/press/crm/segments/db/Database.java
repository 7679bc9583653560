package press.crm.segments.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import press.crm.segments.config.DatabaseOptions;

/** Creates reactive PostgreSQL pools from the configuration. */
public final class Database {

  private Database() {
  }

  public static PgConnectOptions connectOptions(DatabaseOptions options) {
    // Segment checks repeat the same statements at high rates: keep them prepared.
    return PgConnectOptions.fromUri(options.url())
        .setPipeliningLimit(1)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256)
        .setPreparedStatementCacheSqlLimit(64 * 1024);
  }

  /**
   * A name for the pool of one verticle instance: pools of several instances of the same
   * verticle need distinct names, or their metrics collide.
   */
  public static String instanceName(String role, Object instance) {
    return role + "-" + Integer.toHexString(System.identityHashCode(instance));
  }

  /** A pool for one verticle instance, named so metrics tell the pools apart. */
  public static Pool pool(Vertx vertx, DatabaseOptions options, String name) {
    return pool(vertx, options, name, connectOptions(options));
  }

  /**
   * A pool whose sessions are read only by default and cut off statements that run longer
   * than {@code statementTimeoutMs}: PostgreSQL applies both to every statement, with no extra
   * round trip. Writes on it must start with an explicit {@code BEGIN READ WRITE}. A query
   * could lift these defaults only with {@code set_config()}, which segment validation always
   * refuses.
   */
  public static Pool readOnlyPool(
      Vertx vertx, DatabaseOptions options, String name, int statementTimeoutMs) {
    PgConnectOptions connect = connectOptions(options)
        .addProperty("default_transaction_read_only", "on")
        .addProperty("statement_timeout", Integer.toString(statementTimeoutMs));
    return pool(vertx, options, name, connect);
  }

  private static Pool pool(
      Vertx vertx, DatabaseOptions options, String name, PgConnectOptions connect) {
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(options.poolSize())
        .setName(name)
        .setShared(false)
        .setConnectionTimeout(options.connectTimeoutSeconds())
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setMaxWaitQueueSize(10_000);
    return PgBuilder.pool()
        .with(poolOptions)
        .connectingTo(connect)
        .using(vertx)
        .build();
  }
}
