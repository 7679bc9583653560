package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Adapts an endpoint written as "request in, future of the response body out" to a route
 * handler: the body becomes a 200 response, any failure (including bad input thrown while the
 * request is read) the JSON error shape.
 */
public final class Endpoint {

  private Endpoint() {
  }

  /** Answers {@code {"status": "ok", ...fields}}. */
  public static Handler<RoutingContext> ok(Function<RoutingContext, Future<JsonObject>> action) {
    return ctx -> run(ctx, action).onSuccess(fields -> ApiResponses.ok(ctx, fields));
  }

  /** Answers a bare JSON array. */
  public static Handler<RoutingContext> array(Function<RoutingContext, Future<JsonArray>> action) {
    return ctx -> run(ctx, action).onSuccess(body -> ApiResponses.array(ctx, body));
  }

  private static <T> Future<T> run(RoutingContext ctx, Function<RoutingContext, Future<T>> action) {
    Future<T> result;
    try {
      result = action.apply(ctx);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onFailure(e -> Failures.send(ctx, e));
  }
}
