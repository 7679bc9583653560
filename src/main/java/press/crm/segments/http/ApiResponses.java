package press.crm.segments.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes successful JSON responses. */
public final class ApiResponses {

  private ApiResponses() {
  }

  /** 200 with {@code {"status": "ok", ...fields}}. */
  public static void ok(RoutingContext ctx, JsonObject fields) {
    JsonObject body = new JsonObject().put("status", "ok").mergeIn(fields);
    ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
  }

  /** 200 with a bare JSON array, as REMP's daily-count-stats answers. */
  public static void array(RoutingContext ctx, JsonArray body) {
    ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
  }
}
