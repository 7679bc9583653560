package press.crm.segments.recalculation;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** Segments inserted straight into the tables, a ticking scheduler, and bounded waiting. */
final class SchedulerFixtures {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  private SchedulerFixtures() {
  }

  /** Test config with the timer on, ticking every second. */
  static JsonObject schedulerConfig(TestDatabase db, int parallelism) {
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("recalculation")
        .put("enabled", true)
        .put("tick_seconds", 1)
        .put("parallelism", parallelism);
    return config;
  }

  static void createGroup(TestDatabase db) {
    db.execute("INSERT INTO segments.segment_groups (name, code) VALUES ('Tests', 'tests')"
        + " ON CONFLICT (code) DO NOTHING");
  }

  /**
   * A SQL segment; {@code periodicity} is JSON or null, {@code lastCalculated} an SQL
   * expression such as {@code now() - interval '2 hours'} or null for never.
   */
  static long insertSegment(TestDatabase db, String code, String query, String periodicity,
      String lastCalculated, Long cacheCount) {
    db.execute("INSERT INTO segments.segments (version, name, code, table_name, fields,"
        + " query_string, segment_group_id, cache_count, cache_count_periodicity,"
        + " cache_count_updated_at) VALUES (1, '" + code + "', '" + code + "', 'users',"
        + " '{id}', '" + query.replace("'", "''") + "',"
        + " (SELECT id FROM segments.segment_groups WHERE code = 'tests'), "
        + (cacheCount == null ? "NULL" : cacheCount) + ", "
        + (periodicity == null ? "NULL" : "'" + periodicity + "'::jsonb") + ", "
        + (lastCalculated == null ? "NULL" : lastCalculated) + ")");
    return db.queryLong("SELECT id FROM segments.segments WHERE code = '" + code + "'"
        + " AND deleted_at IS NULL");
  }

  static long insertSegment(TestDatabase db, String code, String periodicity,
      String lastCalculated) {
    return insertSegment(db, code, "SELECT id FROM users", periodicity, lastCalculated, null);
  }

  static long valueRows(TestDatabase db, String code) {
    return db.queryLong("SELECT count(*) FROM segments.segments_values v"
        + " JOIN segments.segments s ON s.id = v.segment_id WHERE s.code = '" + code + "'");
  }

  static RecalculationVerticle deployScheduler(Vertx vertx, JsonObject config) {
    RecalculationVerticle verticle = new RecalculationVerticle();
    await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
    return verticle;
  }

  /**
   * Waits until the scheduler has finished {@code more} passes beyond the ones done so far; as
   * one may be under way, 2 guarantees a whole pass that started after this call.
   */
  static void awaitPasses(Vertx vertx, RecalculationVerticle scheduler, int more) {
    long target = scheduler.completedPasses() + more;
    awaitCondition(vertx, () -> scheduler.completedPasses() >= target, "scheduler passes");
  }

  /** Polls every 50 ms until the condition holds; fails after {@link #PATIENCE}. */
  static void awaitCondition(Vertx vertx, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Gave up waiting for " + what + " after " + PATIENCE);
      }
      await(vertx.timer(50));
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
