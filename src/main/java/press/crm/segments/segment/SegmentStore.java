package press.crm.segments.segment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import press.crm.segments.bus.BusContract;

/**
 * Lists segments with their groups and writes segment definitions (insert, update, soft delete,
 * lock). Every value is bound as a parameter.
 */
public final class SegmentStore {

  private static final String PREFIXED_COLUMNS = Arrays.stream(SegmentRows.COLUMNS.split(","))
      .map(column -> "s." + column.trim())
      .collect(Collectors.joining(", "));

  private final SchemaTables tables;

  public SegmentStore(SchemaTables tables) {
    this.tables = tables;
  }

  /**
   * Non-deleted segments by name, each with its group.
   *
   * @param tableName only segments on this table, or null for all
   * @param groupCode only segments of this group, or null for all
   */
  public Future<List<ListedSegment>> list(SqlClient client, String tableName, String groupCode) {
    return client
        .preparedQuery("SELECT " + PREFIXED_COLUMNS + ", g.id AS g_id, g.name AS g_name,"
            + " g.code AS g_code, g.sorting AS g_sorting"
            + " FROM " + tables.segments() + " s JOIN " + tables.groups() + " g"
            + " ON g.id = s.segment_group_id"
            + " WHERE s.deleted_at IS NULL AND ($1::text IS NULL OR s.table_name = $1)"
            + " AND ($2::text IS NULL OR g.code = $2) ORDER BY s.name, s.id")
        .execute(Tuple.of(tableName, groupCode))
        .map(rows -> {
          List<ListedSegment> listed = new ArrayList<>();
          for (Row row : rows) {
            SegmentGroup group = new SegmentGroup(row.getLong("g_id"), row.getString("g_name"),
                row.getString("g_code"), row.getInteger("g_sorting"));
            listed.add(new ListedSegment(SegmentRows.segment(row), group));
          }
          return listed;
        });
  }

  /** The segment with this id, locked for the rest of the transaction. */
  public Future<Optional<Segment>> lockById(SqlClient client, long id) {
    return client
        .preparedQuery("SELECT " + SegmentRows.COLUMNS + " FROM " + tables.segments()
            + " WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(SegmentRows.segment(rows.iterator().next())));
  }

  /** The code of a non-deleted segment other than {@code exceptId} that nests {@code code}. */
  public Future<Optional<String>> referencing(SqlClient client, String code, long exceptId) {
    return client
        .preparedQuery("SELECT code FROM " + tables.segments()
            + " WHERE deleted_at IS NULL AND id <> $1 AND strpos(query_string, $2) > 0"
            + " ORDER BY code LIMIT 1")
        .execute(Tuple.of(exceptId, "%segment." + code + "%"))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getString("code")));
  }

  /** Whether a non-deleted segment other than {@code exceptId} has this code. */
  public Future<Boolean> codeTaken(SqlClient client, String code, long exceptId) {
    return client
        .preparedQuery("SELECT 1 FROM " + tables.segments()
            + " WHERE code = $1 AND deleted_at IS NULL AND id <> $2")
        .execute(Tuple.of(code, exceptId))
        .map(rows -> rows.size() > 0);
  }

  /** A free code made from {@code name}: its slug, or the slug with _2, _3, ... */
  public Future<String> freeCode(SqlClient client, String name) {
    String base = Codes.slug(name);
    return client
        .preparedQuery("SELECT code FROM " + tables.segments()
            + " WHERE deleted_at IS NULL AND (code = $1 OR starts_with(code, $2))")
        .execute(Tuple.of(base, base + "_"))
        .map(rows -> {
          Set<String> taken = new HashSet<>();
          rows.forEach(row -> taken.add(row.getString("code")));
          return Codes.unique(base, taken);
        });
  }

  /** Inserts the draft and answers its id. */
  public Future<Long> insert(SqlClient client, SegmentDraft draft) {
    return client
        .preparedQuery("INSERT INTO " + tables.segments() + " (version, name, code, table_name,"
            + " fields, query_string, criteria, segment_group_id, note, cache_count_periodicity)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .execute(values(draft))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> notifyChanged(client).map(id));
  }

  /** Replaces the definition of segment {@code id}; its counts and history stay. */
  public Future<Void> update(SqlClient client, long id, SegmentDraft draft) {
    return client
        .preparedQuery("UPDATE " + tables.segments() + " SET version = $1, name = $2, code = $3,"
            + " table_name = $4, fields = $5, query_string = $6, criteria = $7,"
            + " segment_group_id = $8, note = $9, cache_count_periodicity = $10,"
            + " updated_at = now() WHERE id = $11")
        .execute(values(draft).addLong(id))
        .compose(ignored -> notifyChanged(client));
  }

  public Future<Void> softDelete(SqlClient client, long id) {
    return client
        .preparedQuery("UPDATE " + tables.segments()
            + " SET deleted_at = now(), updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(ignored -> notifyChanged(client));
  }

  /**
   * Tells every server instance that definitions changed; inside a transaction the
   * notification is delivered only if, and when, it commits.
   */
  private static Future<Void> notifyChanged(SqlClient client) {
    return client.preparedQuery("SELECT pg_notify($1, '')")
        .execute(Tuple.of(BusContract.DEFINITIONS_CHANGED_CHANNEL))
        .mapEmpty();
  }

  /** Sets the lock flag; answers false when there is no such non-deleted segment. */
  public Future<Boolean> setLocked(SqlClient client, long id, boolean locked) {
    return client
        .preparedQuery("UPDATE " + tables.segments() + " SET locked = $2, updated_at = now()"
            + " WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id, locked))
        .map(rows -> rows.rowCount() > 0);
  }

  private static Tuple values(SegmentDraft draft) {
    return Tuple.tuple()
        .addInteger(draft.version())
        .addString(draft.name())
        .addString(draft.code())
        .addString(draft.tableName())
        .addArrayOfString(draft.fields().toArray(String[]::new))
        .addString(draft.queryString())
        .addValue(draft.criteria())
        .addLong(draft.groupId())
        .addString(draft.note())
        .addValue(draft.periodicity() == null ? null : draft.periodicity().toJson());
  }
}
