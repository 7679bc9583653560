package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.ListedSegment;
import press.crm.segments.segment.Segment;
import press.crm.segments.segment.SegmentGroup;
import press.crm.segments.segment.SegmentRepository;
import press.crm.segments.segment.SegmentStore;

/** Reading saved segments: segments/list (all tables) and segments/show. */
public final class SegmentRoutes {

  private final Pool pool;
  private final SegmentStore store;
  private final SegmentRepository segments;
  private final GroupRepository groups;

  public SegmentRoutes(Pool pool, SegmentStore store, SegmentRepository segments,
      GroupRepository groups) {
    this.pool = pool;
    this.store = store;
    this.segments = segments;
    this.groups = groups;
  }

  public void mount(Router api) {
    api.get("/segments/list").handler(Endpoint.ok(this::list));
    api.get("/segments/show").handler(Endpoint.ok(this::show));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    String groupCode = RequestParams.optionalCode(ctx, "group_code");
    return GroupChecks.exists(pool, groups, groupCode)
        .compose(ignored -> store.list(pool, null, groupCode))
        .map(listed -> new JsonObject().put("result", byTable(listed)));
  }

  /** [{table, segments: [...]}] with tables by name and segments by name within each. */
  private static JsonArray byTable(List<ListedSegment> listed) {
    Map<String, JsonArray> tables = new TreeMap<>();
    for (ListedSegment entry : listed) {
      tables.computeIfAbsent(entry.segment().tableName(), table -> new JsonArray())
          .add(SegmentJson.listed(entry));
    }
    JsonArray result = new JsonArray();
    tables.forEach((table, entries) ->
        result.add(new JsonObject().put("table", table).put("segments", entries)));
    return result;
  }

  private Future<JsonObject> show(RoutingContext ctx) {
    long id = RequestParams.id(ctx, "id");
    return segments.findById(pool, id)
        .map(found -> found.filter(segment -> segment.deletedAt() == null).orElseThrow(
            () -> SegmentsException.notFound("Segment " + id + " does not exist")))
        .compose(segment -> groupCode(segment)
            .map(code -> new JsonObject().put("segment", SegmentJson.detail(segment, code))));
  }

  private Future<String> groupCode(Segment segment) {
    return groups.findById(pool, segment.groupId())
        .map(group -> group.map(SegmentGroup::code).orElse(null));
  }
}
