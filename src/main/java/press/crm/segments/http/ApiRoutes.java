package press.crm.segments.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import press.crm.segments.config.AppConfig;

/** Mounts the /api/v1 endpoints and the error handlers that give every failure one JSON shape. */
public final class ApiRoutes {

  public static final String BASE = "/api/v1";

  private ApiRoutes() {
  }

  public static void mount(Vertx vertx, Router router, AppConfig config, Pool pool) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    router.route(BASE + "/*").subRouter(api);
    new CriteriaRoutes(vertx, config, pool).mount(api);

    router.errorHandler(404, ctx -> ApiErrors.send(ctx, 404, "not_found", "No such endpoint"));
    router.errorHandler(405, ctx ->
        ApiErrors.send(ctx, 405, "method_not_allowed", "Method not allowed on this endpoint"));
    router.errorHandler(413, ctx ->
        ApiErrors.send(ctx, 413, "payload_too_large", "Request body is too large"));
    router.errorHandler(500, ctx -> ApiErrors.send(ctx, 500, "internal_error", "Internal error"));
  }
}
