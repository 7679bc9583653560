package press.crm.segments.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import press.crm.segments.criteria.CompiledCriteria;
import press.crm.segments.criteria.CriteriaCompiler;
import press.crm.segments.segment.SchemaTables;

/**
 * REMP's default segments as SQL segments, plus a few criteria segments compiled by the
 * criteria compiler. Segments whose code already exists are left alone, so seeding twice is
 * harmless.
 */
final class DemoSegments {

  static final String DEFAULT_GROUP = "default";
  static final String CRITERIA_GROUP = "demo_criteria";

  private static final String ACTIVE_NOW = "s.start_time <= now() AND s.end_time > now()";

  /** A segment to seed; {@code criteria} is null for SQL segments. */
  record Seed(String group, String code, String name, String sql, JsonObject criteria) {
  }

  private static final List<Seed> SQL_SEGMENTS = List.of(
      sql("all_users", "All users",
          "SELECT %fields% FROM %table% WHERE %where% GROUP BY %group_by%"),
      sql("users_with_any_subscriptions", "Users with any subscription",
          "SELECT %fields% FROM %table% JOIN subscriptions s ON s.user_id = %table%.id"
              + " WHERE %where% GROUP BY %group_by%"),
      sql("users_with_active_subscriptions", "Users with an active subscription",
          "SELECT %fields% FROM %table% JOIN subscriptions s ON s.user_id = %table%.id"
              + " WHERE %where% AND " + ACTIVE_NOW + " GROUP BY %group_by%"),
      sql("users_with_old_subscriptions", "Users with old subscriptions only",
          "SELECT %fields% FROM %table% JOIN subscriptions s ON s.user_id = %table%.id"
              + " WHERE %where% AND s.end_time <= now() AND NOT EXISTS (SELECT 1 FROM"
              + " subscriptions a WHERE a.user_id = %table%.id AND a.start_time <= now()"
              + " AND a.end_time > now()) GROUP BY %group_by%"),
      sql("users_without_actual_subscriptions", "Users without an active subscription",
          "SELECT %fields% FROM %table% WHERE %where% AND NOT EXISTS (SELECT 1 FROM"
              + " subscriptions s WHERE s.user_id = %table%.id AND " + ACTIVE_NOW + ")"
              + " GROUP BY %group_by%"),
      sql("users_without_subscriptions", "Users without any subscription",
          "SELECT %fields% FROM %table% WHERE %where% AND NOT EXISTS (SELECT 1 FROM"
              + " subscriptions s WHERE s.user_id = %table%.id) GROUP BY %group_by%"));

  private static final List<Seed> CRITERIA_SEGMENTS = List.of(
      criteria("demo_active_web_users", "Active users registered on the web", """
          {"version": "1", "nodes": [{"type": "operator", "operator": "AND", "nodes": [
            {"type": "criteria", "key": "active", "negation": false, "values": {"active": true}},
            {"type": "criteria", "key": "source", "negation": false,
             "values": {"source": ["web"]}}]}]}"""),
      criteria("demo_paid_last_30_days", "Paid in the last 30 days", """
          {"version": "1", "nodes": [{"type": "criteria", "key": "payment", "negation": false,
            "values": {"status": ["paid"], "paid_at": {"gte": {"unit": "day", "value": -30}}}}]}
          """),
      criteria("demo_active_without_subscription", "Active users without a running subscription",
          """
          {"version": "1", "nodes": [{"type": "operator", "operator": "AND", "nodes": [
            {"type": "criteria", "key": "active", "negation": false, "values": {"active": true}},
            {"type": "criteria", "key": "subscription", "negation": true,
             "values": {"active": true}}]}]}"""));

  private DemoSegments() {
  }

  private static Seed sql(String code, String name, String sql) {
    return new Seed(DEFAULT_GROUP, code, name, sql, null);
  }

  private static Seed criteria(String code, String name, String criteria) {
    return new Seed(CRITERIA_GROUP, code, name, null, new JsonObject(criteria));
  }

  /** Inserts the groups and the segments that are missing; answers the codes it inserted. */
  static Future<List<String>> seed(Pool pool, SchemaTables tables, CriteriaCompiler compiler,
      String userTable) {
    List<Tuple> segments = new ArrayList<>();
    for (Seed seed : SQL_SEGMENTS) {
      segments.add(Tuple.of(1, seed.name(), seed.code(), userTable, seed.sql(), null,
          seed.group()));
    }
    for (Seed seed : CRITERIA_SEGMENTS) {
      CompiledCriteria compiled = compiler.compile(userTable, seed.criteria());
      segments.add(Tuple.of(2, seed.name(), seed.code(), userTable, compiled.sql(),
          seed.criteria(), seed.group()));
    }
    String groups = "INSERT INTO " + tables.groups() + " (name, code, sorting) VALUES"
        + " ('Default group', $1, 100), ('Demo criteria segments', $2, 200)"
        + " ON CONFLICT (code) DO NOTHING";
    String insert = "INSERT INTO " + tables.segments() + " (version, name, code, table_name,"
        + " fields, query_string, criteria, segment_group_id)"
        + " SELECT $1, $2, $3, $4, ARRAY['id', 'email'], $5, $6, id FROM " + tables.groups()
        + " WHERE code = $7"
        + " ON CONFLICT (code) WHERE deleted_at IS NULL DO NOTHING RETURNING code";
    return pool.withTransaction(connection -> connection.preparedQuery(groups)
        .execute(Tuple.of(DEFAULT_GROUP, CRITERIA_GROUP))
        .compose(ignored -> connection.preparedQuery(insert).executeBatch(segments))
        .map(DemoSegments::codes));
  }

  private static List<String> codes(RowSet<Row> batch) {
    List<String> codes = new ArrayList<>();
    for (RowSet<Row> rows = batch; rows != null; rows = rows.next()) {
      rows.forEach(row -> codes.add(row.getString("code")));
    }
    return codes;
  }
}
