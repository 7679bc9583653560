package press.crm.segments.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import press.crm.segments.bus.FailureCode;

/** Writes the one JSON error shape: {"status": "error", "code", "message", "errors"?}. */
public final class ApiErrors {

  public static final String JSON = "application/json; charset=utf-8";

  private ApiErrors() {
  }

  public static JsonObject body(String code, String message) {
    return new JsonObject().put("status", "error").put("code", code).put("message", message);
  }

  public static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, body(code, message));
  }

  public static void send(RoutingContext ctx, FailureCode failure, String message) {
    send(ctx, failure.httpStatus(), failure.machineCode(), message);
  }

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }
}
