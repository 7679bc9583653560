package press.crm.segments.testing;

/** Small business tables (users, subscriptions, payments) for tests, created with plain SQL. */
public final class DemoTables {

  private DemoTables() {
  }

  /**
   * Creates {@code users} with ids 1..n (email user{id}@example.com, every third inactive) and
   * {@code subscriptions} for even ids.
   */
  public static void create(TestDatabase db, int users) {
    db.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
        + " active BOOLEAN NOT NULL, source TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    db.execute("INSERT INTO users (id, email, active, source) SELECT g, 'user' || g || '@example.com',"
        + " g % 3 <> 0, CASE WHEN g % 2 = 0 THEN 'web' ELSE 'app' END"
        + " FROM generate_series(1, " + users + ") g");
    db.execute("CREATE TABLE subscriptions (id BIGSERIAL PRIMARY KEY, user_id BIGINT NOT NULL,"
        + " type TEXT NOT NULL, start_time TIMESTAMPTZ NOT NULL, end_time TIMESTAMPTZ NOT NULL)");
    db.execute("INSERT INTO subscriptions (user_id, type, start_time, end_time)"
        + " SELECT g, 'web', now() - INTERVAL '10 days', now() + INTERVAL '20 days'"
        + " FROM generate_series(2, " + users + ", 2) g");
  }

  /** Stores a segment row directly, as a fixture. */
  public static void segment(TestDatabase db, String code, String table, String query) {
    db.execute("INSERT INTO segments.segment_groups (name, code) VALUES ('Default', 'default')"
        + " ON CONFLICT (code) DO NOTHING");
    db.execute("INSERT INTO segments.segments (version, name, code, table_name, fields,"
        + " query_string, segment_group_id) VALUES (1, " + literal(code) + ", " + literal(code)
        + ", " + literal(table) + ", '{}', " + literal(query)
        + ", (SELECT id FROM segments.segment_groups WHERE code = 'default'))");
  }

  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
