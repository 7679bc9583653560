package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.SegmentStore;

/** The REMP Mailer / Campaign endpoints on the user table: list, users, check. */
public final class UserSegmentsRoutes {

  private final Pool pool;
  private final SegmentsOptions segments;
  private final SegmentStore store;
  private final GroupRepository groups;
  private final EvaluationClient evaluation;

  public UserSegmentsRoutes(Pool pool, SegmentsOptions segments, SegmentStore store,
      GroupRepository groups, EvaluationClient evaluation) {
    this.pool = pool;
    this.segments = segments;
    this.store = store;
    this.groups = groups;
    this.evaluation = evaluation;
  }

  public void mount(Router api) {
    api.get("/user-segments/list").handler(Endpoint.ok(this::list));
    api.get("/user-segments/users").handler(this::users);
    api.get("/user-segments/check").handler(Endpoint.ok(this::check));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    String groupCode = RequestParams.optionalCode(ctx, "group_code");
    return GroupChecks.exists(pool, groups, groupCode)
        .compose(ignored -> store.list(pool, segments.userTable(), groupCode))
        .map(listed -> new JsonObject().put("segments",
            new JsonArray(listed.stream().map(SegmentJson::listed).toList())));
  }

  private Future<JsonObject> check(RoutingContext ctx) {
    String code = RequestParams.code(ctx, "code");
    String type = RequestParams.required(ctx, "resolver_type");
    if (!type.equals("id") && !type.equals("email")) {
      throw new InvalidInput("resolver_type", "must be id or email");
    }
    String value = RequestParams.required(ctx, "resolver_value");
    JsonObject request = new JsonObject().put(Fields.CODE, code)
        .put(Fields.RESOLVER_TYPE, type).put(Fields.RESOLVER_VALUE, value);
    return evaluation.request(BusContract.CHECK, request)
        .recover(UserSegmentsRoutes::segmentDoesNotExist)
        .map(reply -> new JsonObject().put("check", reply.getBoolean(Fields.CHECK, false)));
  }

  private void users(RoutingContext ctx) {
    String code;
    try {
      code = RequestParams.code(ctx, "code");
    } catch (RuntimeException e) {
      Failures.send(ctx, e);
      return;
    }
    String key = segments.users().primaryKey();
    JsonObject open = new JsonObject().put(Fields.CODE, code)
        .put(Fields.FIELDS, new JsonArray(List.of(key, "email")));
    evaluation.request(BusContract.MEMBERS_OPEN, open)
        .recover(UserSegmentsRoutes::segmentDoesNotExist)
        .onSuccess(reply ->
            new MemberStream(ctx, evaluation, reply.getString(Fields.STREAM), key).start())
        .onFailure(e -> Failures.send(ctx, e));
  }

  /** REMP clients expect exactly this message for an unknown code. */
  private static Future<JsonObject> segmentDoesNotExist(Throwable failure) {
    if (failure instanceof ReplyException && FailureCode.of(failure) == FailureCode.NOT_FOUND) {
      return Future.failedFuture(SegmentsException.notFound("Segment does not exist"));
    }
    return Future.failedFuture(failure);
  }
}
