package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.config.TableOptions;
import press.crm.segments.segment.SegmentDefinition;

/** Counts, checks, lists and validates segments; every query runs read only with a timeout. */
public final class Evaluator {

  /** Most rows an items request may ask for. */
  public static final int MAX_ITEMS = 10_000;

  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

  private final Vertx vertx;
  /** Sessions that are read only and time-limited by default: see Database.readOnlyPool. */
  private final Pool pool;
  private final SegmentResolver resolver;
  private final SegmentsOptions options;
  private final QueryValidator validator;
  private final DefinitionCache definitions;

  Evaluator(Vertx vertx, Pool pool, SegmentResolver resolver,
      SegmentsOptions options, DefinitionCache definitions) {
    this.vertx = vertx;
    this.definitions = definitions;
    this.pool = pool;
    this.resolver = resolver;
    this.options = options;
    this.validator = new QueryValidator(options.forbiddenTables(), options.forbiddenFunctions());
  }

  /** A saved segment by {@code code}, or the unsaved {@code definition} of the request. */
  public Future<ResolvedSegment> resolve(JsonObject request) {
    return attempt(() -> {
      String code = request.getString(Fields.CODE);
      JsonObject definition = request.getJsonObject(Fields.DEFINITION);
      if (definition != null) {
        return resolver.definition(pool, parse(definition), code);
      }
      if (code == null || code.isBlank()) {
        throw SegmentsException.invalid("code or definition is required");
      }
      return definitions.get(code, () -> resolver.byCode(pool, code));
    });
  }

  public Future<JsonObject> count(ResolvedSegment segment) {
    String base = segment.baseQuery();
    String sql = OperationSql.count(base, segment.table());
    long started = System.nanoTime();
    return pool.query(sql).execute()
        .map(rows -> new JsonObject()
            .put(Fields.COUNT, rows.iterator().next().getLong("count"))
            .put(Fields.TIME, (System.nanoTime() - started) / 1e9)
            .put(Fields.QUERY, base));
  }

  /** Is the row with this id (or e-mail) a member; a malformed id is simply not. */
  public Future<Boolean> check(ResolvedSegment segment, String resolverType, String value) {
    if (value == null) {
      return Future.failedFuture(SegmentsException.invalid("resolver_value is required"));
    }
    TableOptions table = segment.table();
    String sql;
    Tuple parameters;
    if ("id".equals(resolverType)) {
      Long id = parseId(value);
      if (id == null) {
        return Future.succeededFuture(false);
      }
      String where = table.name() + "." + table.primaryKey() + " = $1::bigint";
      sql = OperationSql.checkById(injected(segment, where), table);
      parameters = Tuple.of(id);
    } else if ("email".equals(resolverType)) {
      if (!table.name().equals(options.userTable())) {
        return Future.failedFuture(SegmentsException.invalid(
            "Checks by email need a segment on the user table"));
      }
      if (value.indexOf('\0') >= 0) {
        return Future.succeededFuture(false);
      }
      String where = table.name() + ".email = $1";
      sql = OperationSql.checkByEmail(injected(segment, where), table);
      parameters = Tuple.of(value);
    } else {
      return Future.failedFuture(SegmentsException.invalid("resolver_type must be id or email"));
    }
    return pool.preparedQuery(sql).execute(parameters)
        .map(rows -> rows.iterator().next().getBoolean("member"));
  }

  /** Up to {@code limit} members with {@code fields} (default: the segment's fields). */
  public Future<JsonObject> items(ResolvedSegment segment, List<String> fields, int limit) {
    if (limit < 1 || limit > MAX_ITEMS) {
      return Future.failedFuture(
          SegmentsException.invalid("limit must be between 1 and " + MAX_ITEMS));
    }
    for (String field : fields) {
      if (!segment.table().fields().contains(field)) {
        return Future.failedFuture(SegmentsException.invalid("Field '" + field
            + "' is not a selectable field of table " + segment.table().name()));
      }
    }
    List<String> columns = fields.isEmpty() ? segment.fields(List.of()) : withKey(segment, fields);
    String base = segment.expand(columns, QueryExpander.NO_CONDITION);
    String sql = OperationSql.items(base, segment.table(), columns);
    return pool.preparedQuery(sql).execute(Tuple.of(limit))
        .map(rows -> {
          JsonArray data = new JsonArray();
          for (Row row : rows) {
            data.add(row.toJson());
          }
          return new JsonObject().put(Fields.DATA, data).put(Fields.QUERY, base);
        });
  }

  /**
   * Everything that can be known before saving: the SQL parses as one read-only SELECT within
   * the rules, and PostgreSQL can plan each way the server will run it.
   */
  public Future<JsonObject> validate(ResolvedSegment segment) {
    return attempt(() -> {
      String base = segment.baseQuery();
      TableOptions table = segment.table();
      List<String> plans = new ArrayList<>();
      plans.add(OperationSql.count(base, table));
      plans.add(OperationSql.checkById(
          injected(segment, table.name() + "." + table.primaryKey() + " = $1::bigint"), table));
      if (table.name().equals(options.userTable())) {
        List<String> columns = List.of(table.primaryKey(), "email");
        plans.add(OperationSql.members(segment.expand(columns, QueryExpander.NO_CONDITION),
            table, columns));
      }
      return vertx.executeBlocking(() -> {
        validator.validate(base);
        return null;
      }, false).compose(ignored -> explain(plans)).map(ignored -> new JsonObject()
          .put(Fields.QUERY_STRING, segment.definition().queryString())
          .put(Fields.QUERY, base)
          .put(Fields.REFERENCES, new JsonArray(
              new ArrayList<>(QueryExpander.references(segment.definition().queryString()))))
          .put(Fields.SUGGESTED_NAME, segment.suggestedName()));
    });
  }

  private Future<Void> explain(List<String> statements) {
    return pool.withConnection(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (String statement : statements) {
        chain = chain.compose(ignored -> conn.preparedQuery("EXPLAIN " + statement)
            .execute(statement.contains("$1") ? Tuple.of(0L) : Tuple.tuple()).mapEmpty());
      }
      return chain;
    }).recover(e -> Future.failedFuture(explainFailure(e)));
  }

  private static SegmentsException explainFailure(Throwable e) {
    SegmentsException failure = SqlFailures.classify(e);
    String message = failure.getMessage();
    if (failure.code() == FailureCode.INVALID
        && message.contains("does not exist") && message.contains("seg.")) {
      return SegmentsException.invalid(
          "The query must select the table's primary key (and email on the user table): "
              + failure.getMessage());
    }
    return failure;
  }

  private static String injected(ResolvedSegment segment, String where) {
    return segment.expand(List.of(), where);
  }

  private static List<String> withKey(ResolvedSegment segment, List<String> fields) {
    List<String> columns = new ArrayList<>();
    columns.add(segment.table().primaryKey());
    for (String field : fields) {
      if (!columns.contains(field)) {
        columns.add(field);
      }
    }
    return columns;
  }

  private static Long parseId(String value) {
    String trimmed = value.strip();
    if (!INTEGER.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static SegmentDefinition parse(JsonObject definition) {
    try {
      return SegmentDefinition.fromJson(definition);
    } catch (IllegalArgumentException e) {
      throw SegmentsException.invalid(e.getMessage());
    }
  }

  /** Runs {@code work}, turning anything it throws into a failed future. */
  static <T> Future<T> attempt(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
