package press.crm.segments.segment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and creates segment groups; every value is bound as a parameter. */
public final class GroupRepository {

  private final SchemaTables tables;

  public GroupRepository(SchemaTables tables) {
    this.tables = tables;
  }

  /** All groups by sorting, then name. */
  public Future<List<SegmentGroup>> list(SqlClient client) {
    return client
        .query("SELECT " + SegmentGroup.COLUMNS + " FROM " + tables.groups()
            + " ORDER BY sorting, name, id")
        .execute()
        .map(GroupRepository::all);
  }

  public Future<Optional<SegmentGroup>> findByCode(SqlClient client, String code) {
    return client
        .preparedQuery("SELECT " + SegmentGroup.COLUMNS + " FROM " + tables.groups()
            + " WHERE code = $1")
        .execute(Tuple.of(code))
        .map(rows -> all(rows).stream().findFirst());
  }

  public Future<Optional<SegmentGroup>> findById(SqlClient client, long id) {
    return client
        .preparedQuery("SELECT " + SegmentGroup.COLUMNS + " FROM " + tables.groups()
            + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  /** Creates a group; without a code, one is made from the name. */
  public Future<SegmentGroup> create(SqlClient client, String name, String code, int sorting) {
    Future<String> chosen = code != null ? Future.succeededFuture(code)
        : takenCodes(client, Codes.slug(name)).map(taken -> Codes.unique(Codes.slug(name), taken));
    return chosen.compose(finalCode -> client
        .preparedQuery("INSERT INTO " + tables.groups() + " (name, code, sorting)"
            + " VALUES ($1, $2, $3) RETURNING " + SegmentGroup.COLUMNS)
        .execute(Tuple.of(name, finalCode, sorting)))
        .map(rows -> SegmentGroup.of(rows.iterator().next()));
  }

  private Future<Set<String>> takenCodes(SqlClient client, String base) {
    return client
        .preparedQuery("SELECT code FROM " + tables.groups()
            + " WHERE code = $1 OR starts_with(code, $2)")
        .execute(Tuple.of(base, base + "_"))
        .map(rows -> {
          Set<String> codes = new HashSet<>();
          rows.forEach(row -> codes.add(row.getString("code")));
          return codes;
        });
  }

  private static List<SegmentGroup> all(RowSet<Row> rows) {
    List<SegmentGroup> groups = new ArrayList<>();
    rows.forEach(row -> groups.add(SegmentGroup.of(row)));
    return groups;
  }
}
