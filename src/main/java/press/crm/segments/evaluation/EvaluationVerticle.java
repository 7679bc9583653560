package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import press.crm.segments.ServerVertx;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.AppConfig;
import press.crm.segments.criteria.CriteriaCompiler;
import press.crm.segments.db.Database;
import press.crm.segments.segment.SchemaTables;
import press.crm.segments.segment.SegmentRepository;

/**
 * Answers the evaluation addresses of {@link BusContract}: count, check, members, items,
 * validate and recalculate. Several instances may run; each has its own pool.
 */
public final class EvaluationVerticle extends VerticleBase {

  /** Recalculation results are small, short writes: two connections carry them. */
  private static final int WRITE_CONNECTIONS = 2;

  private Pool pool;
  private Pool writes;
  private DefinitionCache definitions;
  private Evaluator evaluator;
  private MemberStreams streams;
  private Recalculation recalculation;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    pool = Database.readOnlyPool(vertx, config.database(),
        Database.instanceName("evaluation", this),
        config.evaluation().statementTimeoutMs());
    writes = Database.pool(vertx, config.database().withPoolSize(WRITE_CONNECTIONS),
        Database.instanceName("evaluation-writes", this));
    SchemaTables tables = new SchemaTables(config.database().schema());
    definitions = new DefinitionCache(vertx, Database.connectOptions(config.database()),
        config.evaluation().definitionCacheSeconds());
    return CriteriaCompiler.load(vertx, config).compose(criteria -> definitions.start()
        .map(criteria)).map(criteria -> {
      SegmentResolver resolver =
          new SegmentResolver(new SegmentRepository(tables), config.segments(), criteria);
      evaluator = new Evaluator(vertx, pool, resolver, config.segments(), definitions);
      streams = new MemberStreams(vertx, pool, config.evaluation().streamBatchSize(),
          config.evaluation().streamIdleTimeoutSeconds());
      recalculation = new Recalculation(evaluator, writes, tables,
          config.recalculation().slowThresholdSeconds(), ServerVertx.meters());
      register();
      return null;
    });
  }

  private void register() {
    EventBus bus = vertx.eventBus();
    bus.<JsonObject>consumer(BusContract.COUNT, answer(
        request -> evaluator.resolve(request).compose(evaluator::count)));
    bus.<JsonObject>consumer(BusContract.CHECK, answer(request -> evaluator.resolve(request)
        .compose(segment -> evaluator.check(segment, request.getString(Fields.RESOLVER_TYPE),
            request.getString(Fields.RESOLVER_VALUE)))
        .map(member -> new JsonObject().put(Fields.CHECK, member))));
    bus.<JsonObject>consumer(BusContract.ITEMS, answer(request -> evaluator.resolve(request)
        .compose(segment -> evaluator.items(segment, fields(request),
            request.getInteger(Fields.LIMIT, 100)))));
    bus.<JsonObject>consumer(BusContract.VALIDATE, answer(
        request -> evaluator.resolve(request).compose(evaluator::validate)));
    bus.<JsonObject>consumer(BusContract.RECALCULATE, answer(
        request -> recalculation.recalculate(required(request, Fields.CODE))));
    bus.<JsonObject>consumer(BusContract.MEMBERS_OPEN, answer(request -> evaluator
        .resolve(request)
        .compose(segment -> {
          List<String> requested = fields(request);
          List<String> columns = requested.isEmpty() ? segment.fields(List.of()) : requested;
          return streams.open(segment, columns);
        })
        .map(address -> new JsonObject().put(Fields.STREAM, address))));
  }

  /** Adapts an operation to a consumer that replies with its result or a coded failure. */
  private static io.vertx.core.Handler<Message<JsonObject>> answer(
      Function<JsonObject, Future<JsonObject>> operation) {
    return message -> {
      JsonObject request = message.body() == null ? new JsonObject() : message.body();
      Evaluator.attempt(() -> operation.apply(request)).onComplete(result -> {
        if (result.succeeded()) {
          message.reply(result.result());
        } else {
          BusReplies.fail(message, result.cause());
        }
      });
    };
  }

  private static String required(JsonObject request, String field) {
    String value = request.getString(field);
    if (value == null || value.isBlank()) {
      throw SegmentsException.invalid(field + " is required");
    }
    return value;
  }

  private static List<String> fields(JsonObject request) {
    JsonArray array = request.getJsonArray(Fields.FIELDS);
    List<String> fields = new ArrayList<>();
    if (array != null) {
      for (Object field : array) {
        if (!(field instanceof String text)) {
          throw SegmentsException.invalid("fields must be a list of column names");
        }
        fields.add(text);
      }
    }
    return fields;
  }

  @Override
  public Future<?> stop() {
    Future<Void> listener = definitions == null ? Future.succeededFuture() : definitions.stop();
    return Future.join(listener, close(pool), close(writes));
  }

  private static Future<Void> close(Pool pool) {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
