package press.crm.segments.segment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads saved segments; every value is bound as a parameter. */
public final class SegmentRepository {

  private final SchemaTables tables;

  public SegmentRepository(SchemaTables tables) {
    this.tables = tables;
  }

  public SchemaTables tables() {
    return tables;
  }

  /** The non-deleted segment with this code. */
  public Future<Optional<Segment>> findByCode(SqlClient client, String code) {
    return client
        .preparedQuery("SELECT " + SegmentRows.COLUMNS + " FROM " + tables.segments()
            + " WHERE code = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(code))
        .map(rows -> first(rows).map(SegmentRows::segment));
  }

  /** The non-deleted segments with these codes; codes without a segment are simply absent. */
  public Future<List<Segment>> findByCodes(SqlClient client, Collection<String> codes) {
    if (codes.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client
        .preparedQuery("SELECT " + SegmentRows.COLUMNS + " FROM " + tables.segments()
            + " WHERE code = ANY($1) AND deleted_at IS NULL")
        .execute(Tuple.of(codes.toArray(String[]::new)))
        .map(SegmentRepository::all);
  }

  /** The segment with this id, deleted or not. */
  public Future<Optional<Segment>> findById(SqlClient client, long id) {
    return client
        .preparedQuery("SELECT " + SegmentRows.COLUMNS + " FROM " + tables.segments()
            + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows).map(SegmentRows::segment));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }

  private static List<Segment> all(RowSet<Row> rows) {
    List<Segment> segments = new ArrayList<>();
    for (Row row : rows) {
      segments.add(SegmentRows.segment(row));
    }
    return segments;
  }
}
