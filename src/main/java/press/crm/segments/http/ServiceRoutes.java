package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import press.crm.segments.segment.SchemaTables;

/**
 * /health, /ready, /metrics and /openapi.yaml: the endpoints operators, orchestrators and API
 * tooling call without a token.
 */
public final class ServiceRoutes {

  /** The hand-written API description, a classpath resource. */
  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final Vertx vertx;
  private final Pool pool;
  private final SchemaTables tables;
  private final int expectedMigrations;

  public ServiceRoutes(Vertx vertx, Pool pool, SchemaTables tables, int expectedMigrations) {
    this.vertx = vertx;
    this.pool = pool;
    this.tables = tables;
    this.expectedMigrations = expectedMigrations;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
    router.get("/openapi.yaml").handler(this::openApi);
  }

  private void openApi(RoutingContext ctx) {
    // Vert.x resolves the name on the classpath and reads it off the event loop.
    vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .onSuccess(yaml -> ctx.response()
            .putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
        .onFailure(ctx::fail);
  }

  private void health(RoutingContext ctx) {
    ok(ctx, new JsonObject().put("status", "ok"));
  }

  private void ready(RoutingContext ctx) {
    appliedMigrations().onComplete(result -> {
      if (result.failed()) {
        ApiErrors.send(ctx, 503, "database_unavailable", "The database cannot be reached");
      } else if (result.result() < expectedMigrations) {
        ApiErrors.send(ctx, 503, "not_migrated", "Database migrations are pending: run `migrate`");
      } else {
        ok(ctx, new JsonObject().put("status", "ok"));
      }
    });
  }

  private Future<Integer> appliedMigrations() {
    return pool
        .query("SELECT count(*) AS applied FROM " + tables.table("flyway_schema_history")
            + " WHERE success AND version IS NOT NULL AND type <> 'SCHEMA'")
        .execute()
        .map(rows -> rows.iterator().next().getInteger("applied"));
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
  }
}
