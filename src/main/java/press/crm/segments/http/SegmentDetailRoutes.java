package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.Segment;
import press.crm.segments.segment.SegmentDraft;
import press.crm.segments.segment.SegmentGroup;
import press.crm.segments.segment.SegmentRepository;
import press.crm.segments.segment.SegmentStore;

/**
 * The operator API for one segment: create or update (POST segments/detail), soft delete
 * (DELETE segments/detail), lock/unlock and recalculate now.
 */
public final class SegmentDetailRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentDetailRoutes.class);

  private final Pool pool;
  private final SegmentsOptions options;
  private final SegmentStore store;
  private final SegmentRepository segments;
  private final GroupRepository groups;
  private final EvaluationClient evaluation;

  public SegmentDetailRoutes(Pool pool, SegmentsOptions options, SegmentStore store,
      SegmentRepository segments, GroupRepository groups, EvaluationClient evaluation) {
    this.pool = pool;
    this.options = options;
    this.store = store;
    this.segments = segments;
    this.groups = groups;
    this.evaluation = evaluation;
  }

  public void mount(Router api) {
    api.post("/segments/detail").handler(Endpoint.ok(this::save));
    api.delete("/segments/detail").handler(Endpoint.ok(this::delete));
    api.post("/segments/lock").handler(Endpoint.ok(this::lock));
    api.post("/segments/recalculate").handler(Endpoint.ok(this::recalculate));
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    Long id = ctx.queryParam("id").isEmpty() ? null : RequestParams.id(ctx, "id");
    SegmentDetailRequest request = SegmentDetailRequest.parse(JsonBody.object(ctx), options);

    // Cheap checks first; the definition is only validated (EXPLAIN) when they pass.
    Future<Segment> existing = id == null ? Future.succeededFuture() : editable(pool, id);
    Future<SegmentGroup> group =
        existing.compose(ignored -> GroupChecks.find(pool, groups, request.groupCode()));
    Future<JsonObject> validated =
        group.compose(ignored -> validate(request, existing.result()));

    return validated
        .compose(reply -> pool.withTransaction(conn ->
            write(conn, id, request, group.result(), reply)))
        .andThen(ignored -> evaluation.definitionsChanged())
        .onSuccess(saved -> LOG.info("Segment {} saved (id {})", saved.getString("code"),
            saved.getLong("id")));
  }

  private Future<JsonObject> validate(SegmentDetailRequest request, Segment current) {
    String code = request.code() != null ? request.code()
        : current != null ? current.code() : null;
    JsonObject message = new JsonObject().put(Fields.DEFINITION, request.definition().toJson());
    if (code != null) {
      message.put(Fields.CODE, code);
    }
    return evaluation.request(BusContract.VALIDATE, message);
  }

  private Future<JsonObject> write(SqlConnection conn, Long id, SegmentDetailRequest request,
      SegmentGroup group, JsonObject validated) {
    String name = request.name() != null ? request.name()
        : validated.getString(Fields.SUGGESTED_NAME);
    if (id == null) {
      if (name == null) {
        return Future.failedFuture(new InvalidInput("name", "is required"));
      }
      Future<String> code = request.code() == null ? store.freeCode(conn, name)
          : free(conn, request.code(), 0).map(request.code());
      return code.compose(chosen -> store
          .insert(conn, draft(request, name, chosen, group, validated))
          .map(newId -> new JsonObject().put("id", newId).put("code", chosen)));
    }
    return editable(conn, id).compose(current -> {
      String code = request.code() != null ? request.code() : current.code();
      String finalName = name != null ? name : current.name();
      Future<Void> codeChange = code.equals(current.code()) ? Future.succeededFuture()
          : notReferenced(conn, current).compose(ignored -> free(conn, code, id));
      return codeChange
          .compose(ignored -> store.update(conn, id, draft(request, finalName, code, group,
              validated)))
          .map(ignored -> new JsonObject().put("id", id).put("code", code));
    });
  }

  private static SegmentDraft draft(SegmentDetailRequest request, String name, String code,
      SegmentGroup group, JsonObject validated) {
    return new SegmentDraft(request.version(), name, code, request.tableName(), request.fields(),
        validated.getString(Fields.QUERY_STRING), request.criteria(), group.id(), request.note(),
        request.periodicity());
  }

  private Future<JsonObject> delete(RoutingContext ctx) {
    long id = RequestParams.id(ctx, "id");
    return pool.withTransaction(conn -> editable(conn, id)
        .compose(current -> notReferenced(conn, current))
        .compose(ignored -> store.softDelete(conn, id)))
        .andThen(ignored -> evaluation.definitionsChanged())
        .onSuccess(ignored -> LOG.info("Segment {} deleted", id))
        .map(ignored -> new JsonObject().put("id", id));
  }

  private Future<JsonObject> lock(RoutingContext ctx) {
    long id = RequestParams.id(ctx, "id");
    boolean locked = RequestParams.bool(ctx, "locked");
    return store.setLocked(pool, id, locked).map(found -> {
      if (!found) {
        throw SegmentsException.notFound("Segment " + id + " does not exist");
      }
      return new JsonObject().put("id", id).put("locked", locked);
    });
  }

  private Future<JsonObject> recalculate(RoutingContext ctx) {
    String code = RequestParams.code(ctx, "code");
    return evaluation.request(BusContract.RECALCULATE, new JsonObject().put(Fields.CODE, code))
        .map(reply -> new JsonObject()
            .put("code", code)
            .put("count", reply.getLong(Fields.COUNT))
            .put("time", reply.getDouble(Fields.TIME)));
  }

  /** The non-deleted, unlocked segment {@code id}; row-locked when {@code client} is in a tx. */
  private Future<Segment> editable(SqlClient client, long id) {
    Future<Optional<Segment>> found = client instanceof SqlConnection conn
        ? store.lockById(conn, id) : segments.findById(client, id);
    return found.map(segment -> {
      Segment current = segment.filter(s -> s.deletedAt() == null).orElseThrow(
          () -> SegmentsException.notFound("Segment " + id + " does not exist"));
      if (current.locked()) {
        throw SegmentsException.conflict("Segment '" + current.code() + "' is locked");
      }
      return current;
    });
  }

  private Future<Void> notReferenced(SqlConnection conn, Segment segment) {
    return store.referencing(conn, segment.code(), segment.id()).map(other -> {
      if (other.isPresent()) {
        throw SegmentsException.conflict("Segment '" + segment.code()
            + "' is referenced by segment '" + other.get() + "'");
      }
      return null;
    });
  }

  private Future<Void> free(SqlConnection conn, String code, long exceptId) {
    return store.codeTaken(conn, code, exceptId).map(taken -> {
      if (taken) {
        throw SegmentsException.conflict("Segment code '" + code + "' already exists");
      }
      return null;
    });
  }
}
