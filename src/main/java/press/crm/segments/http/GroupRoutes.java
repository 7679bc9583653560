package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.SegmentGroup;

/** segments/groups: list groups (GET) and create one (POST). */
public final class GroupRoutes {

  private static final Set<String> BODY_FIELDS = Set.of("name", "code", "sorting");

  private final Pool pool;
  private final GroupRepository groups;

  public GroupRoutes(Pool pool, GroupRepository groups) {
    this.pool = pool;
    this.groups = groups;
  }

  public void mount(Router api) {
    api.get("/segments/groups").handler(Endpoint.ok(this::list));
    api.post("/segments/groups").handler(Endpoint.ok(this::create));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    return groups.list(pool).map(all -> new JsonObject().put("groups",
        new JsonArray(all.stream().map(SegmentGroup::toJson).toList())));
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    BodyFields body = new BodyFields(JsonBody.object(ctx), BODY_FIELDS);
    String name = body.text("name", true);
    String code = body.code("code");
    int sorting = body.integer("sorting", 100, -1_000_000, 1_000_000);
    Future<Void> free = code == null ? Future.succeededFuture()
        : groups.findByCode(pool, code).compose(found -> found.isPresent()
            ? Future.failedFuture(
                SegmentsException.conflict("Segment group '" + code + "' already exists"))
            : Future.succeededFuture());
    return free.compose(ignored -> groups.create(pool, name, code, sorting))
        .map(group -> new JsonObject().put("group", group.toJson()));
  }
}
