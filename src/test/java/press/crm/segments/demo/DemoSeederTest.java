package press.crm.segments.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

class DemoSeederTest {

  private static final int USERS = 1000;
  private static final String CHECKSUM = "SELECT md5(string_agg(u::text, '|' ORDER BY u.id))"
      + " || md5(coalesce((SELECT string_agg(s::text, '|' ORDER BY s.id) FROM subscriptions s),"
      + " '')) || md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY p.id) FROM payments p),"
      + " '')) FROM users u";

  private static TestDatabase db;
  private static TestDatabase other;
  private static Vertx vertx;
  private static DemoSeeder.Report first;

  @BeforeAll
  static void seedOnce() throws Exception {
    db = TestDatabase.create();
    other = TestDatabase.create();
    vertx = Vertx.vertx();
    first = seed(db);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    db.close();
    other.close();
  }

  private static DemoSeeder.Report seed(TestDatabase database) throws Exception {
    JsonObject json = TestConfig.forDatabase(database);
    AppConfig config = AppConfig.from(json);
    Pool pool = Database.pool(vertx, config.database(), "demo-test");
    Future<DemoSeeder.Report> seeded = DemoSeeder.seed(vertx, pool, config, USERS)
        .eventually(pool::close);
    return seeded.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Test
  void seedingAnEmptyDatabaseCreatesTheThreeTablesWithTheRequestedUsers() {
    assertThat(first.tablesCreated()).containsExactly("users", "subscriptions", "payments");
    assertThat(db.queryLong("SELECT count(*) FROM public.users")).isEqualTo(USERS);
    assertThat(db.queryLong("SELECT count(DISTINCT email) FROM public.users")).isEqualTo(USERS);
    long subscriptions = db.queryLong("SELECT count(*) FROM public.subscriptions");
    assertThat(subscriptions).isBetween((long) USERS / 2, (long) USERS * 3);
    assertThat(db.queryLong("SELECT count(*) FROM public.payments")).isEqualTo(subscriptions);
    assertThat(db.queryLong("SELECT count(*) FROM public.subscriptions s LEFT JOIN users u"
        + " ON u.id = s.user_id WHERE u.id IS NULL")).isZero();
  }

  @Test
  void demoDataLooksLikeARealCustomerBase() {
    assertThat(db.queryLong("SELECT count(*) FROM users WHERE active")).isBetween(800L, 950L);
    assertThat(db.queryLong("SELECT count(DISTINCT source) FROM users")).isEqualTo(5);
    assertThat(db.queryLong("SELECT count(DISTINCT user_id) FROM subscriptions"
        + " WHERE start_time <= now() AND end_time > now()")).isPositive();
    assertThat(db.queryLong("SELECT count(*) FROM users WHERE NOT EXISTS"
        + " (SELECT 1 FROM subscriptions s WHERE s.user_id = users.id)")).isPositive();
    assertThat(db.queryLong("SELECT count(DISTINCT status) FROM payments")).isEqualTo(3);
    assertThat(db.queryLong("SELECT count(*) FROM users WHERE created_at > now()")).isZero();
  }

  @Test
  void seedsRempDefaultSegmentsAndCriteriaSegmentsInTheirGroups() {
    assertThat(first.segmentsCreated()).contains("all_users", "users_with_any_subscriptions",
        "users_with_active_subscriptions", "users_with_old_subscriptions",
        "users_without_actual_subscriptions", "users_without_subscriptions",
        "demo_active_web_users", "demo_paid_last_30_days", "demo_active_without_subscription");
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments WHERE version = 1"))
        .isEqualTo(6);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments WHERE version = 2"
        + " AND criteria IS NOT NULL AND query_string LIKE '%LEFT JOIN%'")).isEqualTo(3);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segment_groups")).isEqualTo(2);
  }

  @Test
  void everySeededSegmentRunsAndTheDefaultOnesPartitionTheUsers() {
    long all = count("all_users");
    assertThat(all).isEqualTo(USERS);
    assertThat(count("users_with_any_subscriptions") + count("users_without_subscriptions"))
        .isEqualTo(all);
    assertThat(count("users_with_active_subscriptions")
        + count("users_without_actual_subscriptions")).isEqualTo(all);
    assertThat(count("users_with_old_subscriptions")).isPositive()
        .isLessThan(count("users_without_actual_subscriptions"));
    assertThat(count("demo_active_web_users")).isPositive();
    assertThat(count("demo_paid_last_30_days")).isPositive();
    assertThat(count("demo_active_without_subscription")).isPositive();
  }

  @Test
  void seedingAgainChangesNothing() throws Exception {
    String before = db.queryString(CHECKSUM);
    long segments = db.queryLong("SELECT count(*) FROM segments.segments");

    DemoSeeder.Report again = seed(db);

    assertThat(again.tablesCreated()).isEmpty();
    assertThat(again.segmentsCreated()).isEmpty();
    assertThat(db.queryString(CHECKSUM)).isEqualTo(before);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments")).isEqualTo(segments);
  }

  @Test
  void theSameSizeGivesTheSameDataInAnotherDatabase() throws Exception {
    seed(other);

    assertThat(other.queryString(CHECKSUM)).isEqualTo(db.queryString(CHECKSUM));
  }

  private static long count(String code) {
    String sql = db.queryString("SELECT query_string FROM segments.segments WHERE code = '"
        + code + "'");
    String expanded = sql.replace("%fields%", "users.id").replace("%group_by%", "users.id")
        .replace("%where%", "1=1").replace("%table%", "users");
    return db.queryLong("SELECT count(DISTINCT id) FROM (" + expanded + ") q");
  }
}
