package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.SegmentsOptions;
import press.crm.segments.config.TableOptions;
import press.crm.segments.criteria.CompiledCriteria;
import press.crm.segments.criteria.CriteriaCompiler;
import press.crm.segments.segment.Segment;
import press.crm.segments.segment.SegmentDefinition;
import press.crm.segments.segment.SegmentRepository;

/**
 * Turns a saved code or an unsaved definition into a {@link ResolvedSegment}: compiles
 * criteria, loads nested segments level by level, and refuses missing references, cycles and
 * nesting while it is switched off.
 */
public final class SegmentResolver {

  /** Deepest chain of nested segments accepted. */
  public static final int MAX_NESTING_DEPTH = 16;

  private final SegmentRepository repository;
  private final SegmentsOptions options;
  private final CriteriaCompiler criteria;

  public SegmentResolver(
      SegmentRepository repository, SegmentsOptions options, CriteriaCompiler criteria) {
    this.repository = repository;
    this.options = options;
    this.criteria = criteria;
  }

  /** The saved, non-deleted segment with this code; fails NOT_FOUND. */
  public Future<ResolvedSegment> byCode(SqlClient client, String code) {
    return repository.findByCode(client, code).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(SegmentsException.notFound("Segment does not exist"));
      }
      Segment segment = found.get();
      return resolve(client, segment.code(), segment.definition(), null);
    });
  }

  /**
   * An unsaved definition; {@code ownCode} is the code it will be saved under, so references
   * back to it count as cycles.
   */
  public Future<ResolvedSegment> definition(
      SqlClient client, SegmentDefinition definition, String ownCode) {
    String suggestedName = null;
    SegmentDefinition withSql = definition;
    if (definition.version() == Segment.CRITERIA) {
      if (definition.criteria() == null) {
        return Future.failedFuture(SegmentsException.invalid("criteria is required"));
      }
      table(definition.tableName());
      CompiledCriteria compiled = criteria.compile(definition.tableName(), definition.criteria());
      withSql = definition.withQuery(compiled.sql());
      suggestedName = compiled.suggestedName();
    } else if (definition.queryString() == null || definition.queryString().isBlank()) {
      return Future.failedFuture(SegmentsException.invalid("query_string is required"));
    }
    return resolve(client, ownCode, withSql, suggestedName);
  }

  private Future<ResolvedSegment> resolve(SqlClient client, String code,
      SegmentDefinition definition, String suggestedName) {
    TableOptions table = table(definition.tableName());
    Set<String> references = QueryExpander.references(definition.queryString());
    if (!references.isEmpty() && !options.nesting()) {
      return Future.failedFuture(SegmentsException.invalid("The query references segment '"
          + references.iterator().next() + "', but nesting is switched off (segments.nesting)"));
    }
    Map<String, Segment> loaded = new HashMap<>();
    return load(client, references, loaded, 0).map(ignored -> {
      Map<String, String> nested = new HashMap<>();
      List<String> path = new ArrayList<>();
      if (code != null) {
        path.add(code);
      }
      for (String reference : references) {
        expandNested(reference, loaded, nested, path);
      }
      return new ResolvedSegment(code, definition, table, Map.copyOf(nested), suggestedName);
    });
  }

  /** Loads every segment reachable from {@code codes}, one query per nesting level. */
  private Future<Void> load(
      SqlClient client, Set<String> codes, Map<String, Segment> loaded, int depth) {
    Set<String> wanted = new LinkedHashSet<>(codes);
    wanted.removeAll(loaded.keySet());
    if (wanted.isEmpty()) {
      return Future.succeededFuture();
    }
    if (depth >= MAX_NESTING_DEPTH) {
      return Future.failedFuture(SegmentsException.invalid(
          "Segments are nested deeper than " + MAX_NESTING_DEPTH + " levels"));
    }
    return repository.findByCodes(client, wanted).compose(found -> {
      Set<String> next = new LinkedHashSet<>();
      for (Segment segment : found) {
        loaded.put(segment.code(), segment);
        next.addAll(QueryExpander.references(segment.queryString()));
      }
      for (String code : wanted) {
        if (!loaded.containsKey(code)) {
          return Future.failedFuture(SegmentsException.invalid(
              "The query references segment '" + code + "', which does not exist"));
        }
      }
      return load(client, next, loaded, depth + 1);
    });
  }

  /** Depth-first expansion; a code already on the path is a cycle. */
  private String expandNested(String code, Map<String, Segment> loaded,
      Map<String, String> expanded, List<String> path) {
    if (path.contains(code)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(code), path.size()));
      cycle.add(code);
      throw SegmentsException.invalid("Segments reference each other in a cycle: "
          + String.join(" -> ", cycle));
    }
    String done = expanded.get(code);
    if (done != null) {
      return done;
    }
    Segment segment = loaded.get(code);
    path.add(code);
    Map<String, String> inner = new HashMap<>();
    for (String reference : QueryExpander.references(segment.queryString())) {
      inner.put(reference, expandNested(reference, loaded, expanded, path));
    }
    path.remove(path.size() - 1);
    ResolvedSegment resolved = new ResolvedSegment(
        code, segment.definition(), table(segment.tableName()), inner, null);
    String sql = OperationSql.trimStatement(resolved.baseQuery());
    expanded.put(code, sql);
    return sql;
  }

  private TableOptions table(String name) {
    return options.table(name).orElseThrow(() -> SegmentsException.invalid(
        "Table '" + name + "' is not configured for segments"));
  }
}
