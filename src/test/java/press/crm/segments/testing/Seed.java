package press.crm.segments.testing;

/** Fixture rows in the server's own tables, written over JDBC like an operator would. */
public final class Seed {

  private final TestDatabase db;

  public Seed(TestDatabase db) {
    this.db = db;
  }

  public long group(String name, String code, int sorting) {
    return db.queryLong("INSERT INTO segments.segment_groups (name, code, sorting) VALUES ('"
        + name + "', '" + code + "', " + sorting + ") RETURNING id");
  }

  /** A version-1 segment on {@code table} selecting every row of it. */
  public long segment(String name, String code, String table, long groupId) {
    return segment(name, code, table, groupId,
        "SELECT %fields% FROM %table% WHERE %where%");
  }

  public long segment(String name, String code, String table, long groupId, String sql) {
    return db.queryLong("INSERT INTO segments.segments (version, name, code, table_name, fields,"
        + " query_string, segment_group_id) VALUES (1, '" + name + "', '" + code + "', '" + table
        + "', '{id,email}', '" + sql.replace("'", "''") + "', " + groupId + ") RETURNING id");
  }

  public void value(long segmentId, String timestamp, long value) {
    db.execute("INSERT INTO segments.segments_values (segment_id, date, value) VALUES ("
        + segmentId + ", '" + timestamp + "', " + value + ")");
  }

  /** A snapshot of every segment row, to prove a refused request changed nothing. */
  public String segmentsSnapshot() {
    return db.queryString("SELECT coalesce(string_agg(t::text, '|' ORDER BY id), '') FROM"
        + " segments.segments t");
  }

  public String groupsSnapshot() {
    return db.queryString("SELECT coalesce(string_agg(t::text, '|' ORDER BY id), '') FROM"
        + " segments.segment_groups t");
  }
}
