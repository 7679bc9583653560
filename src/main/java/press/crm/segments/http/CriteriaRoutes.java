package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.TableOptions;
import press.crm.segments.criteria.CriteriaRegistry;
import press.crm.segments.criteria.SqlCriteriaCompiler;
import press.crm.segments.evaluation.SqlFailures;
import press.crm.segments.segment.SchemaTables;

/**
 * The criteria endpoints: the blueprint of the visual editor, counts and items of unsaved
 * criteria (evaluated over the event bus), and saved segments related to a criteria tree.
 */
public final class CriteriaRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(CriteriaRoutes.class);

  /** Rows segments/items returns. */
  static final int ITEMS_LIMIT = 100;
  /** Saved segments segments/related returns. */
  static final int RELATED_LIMIT = 5;
  /** Saved segments segments/related compares at most, newest first. */
  static final int RELATED_SCAN = 2000;

  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final SchemaTables tables;
  private final Future<SqlCriteriaCompiler> compiler;

  public CriteriaRoutes(Vertx vertx, AppConfig config, Pool pool) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.tables = new SchemaTables(config.database().schema());
    // Read once; the evaluation verticles read the same file and fail the start if it is broken.
    this.compiler = CriteriaRegistry.load(vertx, config).map(SqlCriteriaCompiler::new)
        .onFailure(e -> LOG.error("Criteria could not be loaded: {}", e.getMessage()));
  }

  public void mount(Router api) {
    api.get("/segments/criteria").handler(this::blueprint);
    api.post("/segments/counts").handler(this::counts);
    api.post("/segments/items").handler(this::items);
    api.post("/segments/related").handler(this::related);
  }

  private void blueprint(RoutingContext ctx) {
    compiler.compose(c -> segmentCodes(c.registry())
            .map(codes -> new JsonObject().put("blueprint", c.registry().blueprint(codes))))
        .onSuccess(body -> ok(ctx, body))
        .onFailure(e -> fail(ctx, e));
  }

  private void counts(RoutingContext ctx) {
    evaluate(ctx, false, BusContract.COUNT, new JsonObject())
        .onSuccess(reply -> ok(ctx, new JsonObject().put("status", "ok")
            .put("count", reply.getLong(Fields.COUNT))
            .put("query", reply.getString(Fields.QUERY))))
        .onFailure(e -> fail(ctx, e));
  }

  private void items(RoutingContext ctx) {
    evaluate(ctx, true, BusContract.ITEMS, new JsonObject().put(Fields.LIMIT, ITEMS_LIMIT))
        .onSuccess(reply -> ok(ctx, new JsonObject().put("status", "ok")
            .put("data", reply.getJsonArray(Fields.DATA))
            .put("query", reply.getString(Fields.QUERY))))
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * Asks the evaluation verticle, which compiles the criteria; a tree it refuses comes back as
   * a 400 naming the field, like any other invalid input.
   */
  private Future<JsonObject> evaluate(RoutingContext ctx, boolean withFields, String address,
      JsonObject extra) {
    return compiler.compose(c -> {
      CriteriaRequest request = CriteriaRequest.parse(ctx, withFields, this::table);
      JsonObject message = extra.copy().put(Fields.DEFINITION, request.definition());
      if (withFields) {
        message.put(Fields.FIELDS, new JsonArray(new ArrayList<>(request.fields())));
      }
      return vertx.eventBus().<JsonObject>request(address, message, new DeliveryOptions()
          .setSendTimeout(config.evaluation().statementTimeoutMs() + 5_000L))
          .map(reply -> reply.body())
          .recover(CriteriaRoutes::namedField);
    });
  }

  private static Future<JsonObject> namedField(Throwable failure) {
    if (FailureCode.of(failure) != FailureCode.INVALID) {
      return Future.failedFuture(failure);
    }
    String message = failure.getMessage();
    return Future.failedFuture(new CriteriaRequest.Invalid(
        message.startsWith("table_name") ? "table_name" : "criteria", message));
  }

  private void related(RoutingContext ctx) {
    compiler.compose(c -> {
      CriteriaRequest request = CriteriaRequest.parse(ctx, false, this::table);
      List<String> wanted = fingerprint(c, request);
      String sql = "SELECT id, name, code, created_at, criteria FROM " + tables.segments()
          + " WHERE table_name = $1 AND version = 2 AND deleted_at IS NULL"
          + " ORDER BY created_at DESC, id DESC LIMIT $2";
      return pool.preparedQuery(sql).execute(Tuple.of(request.tableName(), RELATED_SCAN))
          .recover(e -> Future.failedFuture(SqlFailures.classify(e)))
          .map(rows -> {
            JsonArray related = new JsonArray();
            for (Row row : rows) {
              if (related.size() < RELATED_LIMIT && sameCriteria(c, request, row, wanted)) {
                related.add(new JsonObject().put("id", row.getLong("id"))
                    .put("name", row.getString("name")).put("code", row.getString("code"))
                    .put("created_at", timestamp(row.getOffsetDateTime("created_at"))));
              }
            }
            return new JsonObject().put("segments", related);
          });
    }).onSuccess(body -> ok(ctx, body)).onFailure(e -> fail(ctx, e));
  }

  private static boolean sameCriteria(SqlCriteriaCompiler c, CriteriaRequest request, Row row,
      List<String> wanted) {
    Object criteria = row.getValue("criteria");
    if (!(criteria instanceof JsonObject saved)) {
      return false;
    }
    try {
      return c.fingerprint(request.tableName(), saved).equals(wanted);
    } catch (SegmentsException e) {
      // A saved tree that no longer compiles (a criterion was removed) relates to nothing.
      return false;
    }
  }

  private Future<List<String>> segmentCodes(CriteriaRegistry registry) {
    if (!registry.nesting()) {
      return Future.succeededFuture(List.of());
    }
    String sql = "SELECT code FROM " + tables.segments()
        + " WHERE table_name = $1 AND deleted_at IS NULL ORDER BY code";
    return pool.preparedQuery(sql).execute(Tuple.of(registry.userTable()))
        .recover(e -> Future.failedFuture(SqlFailures.classify(e)))
        .map(rows -> {
          List<String> codes = new ArrayList<>();
          rows.forEach(row -> codes.add(row.getString("code")));
          return codes;
        });
  }

  private TableOptions table(String name) {
    return config.segments().table(name).orElse(null);
  }

  private static List<String> fingerprint(SqlCriteriaCompiler c, CriteriaRequest request) {
    try {
      return c.fingerprint(request.tableName(), request.criteria());
    } catch (SegmentsException e) {
      throw new CriteriaRequest.Invalid("criteria", e.getMessage());
    }
  }

  private static String timestamp(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof CriteriaRequest.Invalid invalid) {
      JsonObject body = ApiErrors.body(FailureCode.INVALID.machineCode(), invalid.getMessage())
          .put("errors", new JsonObject().put(invalid.field,
              new JsonArray().add(invalid.getMessage())));
      ApiErrors.send(ctx, 400, body);
      return;
    }
    FailureCode code = FailureCode.of(failure);
    if (code == FailureCode.INTERNAL) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
      ApiErrors.send(ctx, code, "Internal error");
      return;
    }
    ApiErrors.send(ctx, code, failure.getMessage());
  }
}
