package press.crm.segments.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.ApiAuthHandler;
import press.crm.segments.http.auth.RevokedTokens;
import press.crm.segments.http.auth.TokenKeys;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.SchemaTables;
import press.crm.segments.segment.SegmentRepository;
import press.crm.segments.segment.SegmentStore;
import press.crm.segments.segment.ValueRepository;

/** Mounts the /api/v1 endpoints and the error handlers that give every failure one JSON shape. */
public final class ApiRoutes {

  public static final String BASE = "/api/v1";

  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  private ApiRoutes() {
  }

  public static void mount(Vertx vertx, Router router, AppConfig config, Pool pool,
      RevokedTokens revoked) {
    router.route(BASE + "/*").subRouter(api(vertx, config, pool, revoked));
    errorHandlers(router);
  }

  /** Gives the router's own failures (unknown path, wrong method, …) the JSON error shape. */
  public static void errorHandlers(Router router) {
    router.errorHandler(400, ctx ->
        ApiErrors.send(ctx, 400, "invalid_input", "The request is malformed"));
    router.errorHandler(404, ctx -> ApiErrors.send(ctx, 404, "not_found", "No such endpoint"));
    router.errorHandler(405, ctx ->
        ApiErrors.send(ctx, 405, "method_not_allowed", "Method not allowed on this endpoint"));
    router.errorHandler(413, ctx ->
        ApiErrors.send(ctx, 413, "payload_too_large", "Request body is too large"));
    router.errorHandler(500, ctx -> {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(),
          ctx.failure());
      ApiErrors.send(ctx, 500, "internal_error", "Internal error");
    });
  }

  /**
   * The /api/v1 sub-router: the body limit first (413 before anything else), then one
   * authentication and scope handler for every path, then the endpoints.
   */
  public static Router api(Vertx vertx, AppConfig config, Pool pool, RevokedTokens revoked) {
    SchemaTables tables = new SchemaTables(config.database().schema());
    SegmentStore store = new SegmentStore(tables);
    SegmentRepository segments = new SegmentRepository(tables);
    GroupRepository groups = new GroupRepository(tables);
    EvaluationClient evaluation = new EvaluationClient(vertx.eventBus(), config.evaluation());

    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    api.route().handler(
        new ApiAuthHandler(TokenKeys.provider(vertx, config.auth()), revoked, api, BASE));

    new UserSegmentsRoutes(pool, config.segments(), store, groups, evaluation).mount(api);
    new SegmentRoutes(pool, store, segments, groups).mount(api);
    new SegmentDetailRoutes(pool, config.segments(), store, segments, groups, evaluation)
        .mount(api);
    new GroupRoutes(pool, groups).mount(api);
    new StatsRoutes(pool, segments, new ValueRepository(tables),
        config.recalculation().timezone()).mount(api);
    new CriteriaRoutes(vertx, config, pool).mount(api);
    return api;
  }
}
