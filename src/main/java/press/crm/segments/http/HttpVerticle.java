package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.Server;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.HttpOptions;
import press.crm.segments.db.Database;
import press.crm.segments.http.auth.RevocationStore;
import press.crm.segments.http.auth.RevokedTokens;
import press.crm.segments.segment.SchemaTables;

/**
 * Serves the HTTP API: routing, authentication, validation and responses. Segment evaluation
 * goes over the event bus to the evaluation verticle; this verticle only reads and writes the
 * server's own tables.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private AppConfig config;
  private Pool pool;
  private HttpServer api;
  private HttpServer management;
  private RevokedTokens revoked;

  @Override
  public Future<?> start() {
    config = AppConfig.from(config());
    pool = Database.pool(vertx, config.database(), Database.instanceName("http", this));
    SchemaTables tables = new SchemaTables(config.database().schema());
    ServiceRoutes service = new ServiceRoutes(vertx, pool, tables,
        config().getInteger(Server.EXPECTED_MIGRATIONS, 0));
    revoked = new RevokedTokens(vertx, pool, new RevocationStore(tables), config);
    HttpOptions options = config.http();

    Router apiRouter = Router.router(vertx);
    Router managementRouter = options.separateManagementPort() ? Router.router(vertx) : apiRouter;
    service.mount(managementRouter);
    ApiRoutes.mount(vertx, apiRouter, config, pool, revoked);
    if (options.separateManagementPort()) {
      ApiRoutes.errorHandlers(managementRouter);
    }

    // Revoked tokens must be known before the first request is accepted.
    Future<HttpServer> apiServer = revoked.start()
        .compose(ignored -> listen(apiRouter, options.port()))
        .onSuccess(server -> api = server);
    if (!options.separateManagementPort()) {
      return apiServer;
    }
    return apiServer.compose(ignored -> listen(managementRouter, options.managementPort()))
        .onSuccess(server -> management = server);
  }

  private Future<HttpServer> listen(Router router, int port) {
    return vertx.createHttpServer().requestHandler(router).listen(port, config.http().host());
  }

  public int port() {
    return api == null ? -1 : api.actualPort();
  }

  public int managementPort() {
    return management == null ? port() : management.actualPort();
  }

  /** Stops accepting connections and lets in-flight requests finish within the grace period. */
  @Override
  public Future<?> stop() {
    long grace = config.http().shutdownGraceSeconds();
    Future<Void> apiDown = api == null ? Future.succeededFuture()
        : api.shutdown(grace, TimeUnit.SECONDS);
    Future<Void> managementDown = management == null ? Future.succeededFuture()
        : management.shutdown(grace, TimeUnit.SECONDS);
    return Future.join(apiDown, managementDown)
        .onComplete(ignored -> LOG.info("HTTP server stopped"))
        .compose(ignored -> revoked.stop())
        .eventually(() -> pool.close());
  }
}
