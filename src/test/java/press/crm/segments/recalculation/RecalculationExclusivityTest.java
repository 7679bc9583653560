package press.crm.segments.recalculation;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.recalculation.SchedulerFixtures.await;
import static press.crm.segments.recalculation.SchedulerFixtures.awaitCondition;
import static press.crm.segments.recalculation.SchedulerFixtures.awaitPasses;
import static press.crm.segments.recalculation.SchedulerFixtures.createGroup;
import static press.crm.segments.recalculation.SchedulerFixtures.deployScheduler;
import static press.crm.segments.recalculation.SchedulerFixtures.insertSegment;
import static press.crm.segments.recalculation.SchedulerFixtures.schedulerConfig;
import static press.crm.segments.recalculation.SchedulerFixtures.valueRows;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.db.Database;
import press.crm.segments.db.Migrations;
import press.crm.segments.evaluation.EvaluationVerticle;
import press.crm.segments.recalculation.SegmentClaims.Outcome;
import press.crm.segments.segment.SchemaTables;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TestDatabase;

/** Several server instances on one database: each due segment is recalculated exactly once. */
class RecalculationExclusivityTest {

  private static final String MONTHLY = "{\"amount\": 30, \"unit\": \"days\"}";

  private static TestDatabase db;
  private final List<Vertx> instances = new ArrayList<>();

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
    Migrations.migrateBlocking(AppConfig.from(schedulerConfig(db, 1)).database());
    DemoTables.create(db, 50);
    createGroup(db);
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @AfterEach
  void stopInstancesAndForgetSegments() {
    for (Vertx vertx : instances) {
      await(vertx.close());
    }
    db.execute("DELETE FROM segments.recalculation_failures");
    db.execute("DELETE FROM segments.segments_values");
    db.execute("DELETE FROM segments.segments");
  }

  private Vertx instance() {
    Vertx vertx = Vertx.vertx();
    instances.add(vertx);
    return vertx;
  }

  private static void deployEngine(Vertx vertx, JsonObject config) {
    await(vertx.deployVerticle(EvaluationVerticle.class.getName(),
        new DeploymentOptions().setConfig(config)));
  }

  @Test
  void twoInstancesWithTheRealEngineRecalculateEachDueSegmentExactlyOnce() {
    for (int i = 0; i < 12; i++) {
      insertSegment(db, "segment_" + i, "SELECT id FROM users WHERE id % " + (i + 2) + " = 0",
          MONTHLY, null, null);
    }
    JsonObject config = schedulerConfig(db, 2);
    List<RecalculationVerticle> schedulers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Vertx vertx = instance();
      deployEngine(vertx, config);
      schedulers.add(deployScheduler(vertx, config));
    }

    awaitCondition(instances.get(0), () -> db.queryLong("SELECT count(*) FROM"
        + " segments.segments WHERE cache_count IS NOT NULL") == 12, "all twelve counted");
    for (RecalculationVerticle scheduler : schedulers) {
      awaitPasses(instances.get(0), scheduler, 2);
    }

    for (int i = 0; i < 12; i++) {
      assertThat(valueRows(db, "segment_" + i)).as("segment_" + i).isEqualTo(1);
    }
    // id % 2 = 0 among 50 users: 25 members, and the stored value matches the count.
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'segment_0'")).isEqualTo(25);
    assertThat(db.queryLong("SELECT value FROM segments.segments_values v"
        + " JOIN segments.segments s ON s.id = v.segment_id WHERE s.code = 'segment_0'"))
        .isEqualTo(25);
  }

  @Test
  void threeInstancesWithSlowRecalculationsNeverRunASegmentTwice() {
    for (int i = 0; i < 9; i++) {
      insertSegment(db, "slow_" + i, MONTHLY, null);
    }
    JsonObject config = schedulerConfig(db, 2);
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    List<RecalculationVerticle> schedulers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Vertx vertx = instance();
      FakeRecalculation.register(vertx, config, 300, Set.of(), calls);
      schedulers.add(deployScheduler(vertx, config));
    }

    awaitCondition(instances.get(0), () -> calls.size() == 9, "nine segments started");
    for (RecalculationVerticle scheduler : schedulers) {
      awaitPasses(instances.get(0), scheduler, 2);
    }

    assertThat(calls).hasSize(9);
    calls.forEach((code, count) -> assertThat(count.get()).as(code).isEqualTo(1));
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values")).isEqualTo(9);
  }

  @Test
  void whileOneInstanceHoldsASegmentAnotherSkipsItAndThenFindsItDone() {
    long id = insertSegment(db, "held", MONTHLY, null);
    JsonObject config = schedulerConfig(db, 1);
    RecalculationOptions options = AppConfig.from(config).recalculation();
    ScheduledSegment candidate = new ScheduledSegment(id, "held", null, null);
    Vertx vertx = instance();
    Pool first = Database.pool(vertx, AppConfig.from(config).database(), "first");
    Pool second = Database.pool(vertx, AppConfig.from(config).database(), "second");
    ScheduledSegments segments = new ScheduledSegments(new SchemaTables("segments"));
    SegmentClaims firstClaims = new SegmentClaims(first, segments, options, Clock.systemUTC());
    SegmentClaims secondClaims = new SegmentClaims(second, segments, options, Clock.systemUTC());
    Promise<Void> started = Promise.promise();
    Promise<Void> finish = Promise.promise();

    Future<Outcome> holding = firstClaims.runIfStillDue(candidate, segment -> {
      started.complete();
      return finish.future().compose(ignored -> first.query("UPDATE segments.segments"
          + " SET cache_count_updated_at = now() WHERE code = 'held'").execute());
    });
    await(started.future());
    Outcome whileHeld = await(secondClaims.runIfStillDue(candidate,
        segment -> Future.failedFuture("must not run")));
    finish.complete();
    Outcome firstOutcome = await(holding);
    Outcome afterwards = await(secondClaims.runIfStillDue(candidate,
        segment -> Future.failedFuture("must not run")));

    assertThat(whileHeld).isEqualTo(Outcome.CLAIMED_ELSEWHERE);
    assertThat(firstOutcome).isEqualTo(Outcome.DONE);
    assertThat(afterwards).isEqualTo(Outcome.NO_LONGER_DUE);
    assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
        .isZero();
  }

  @Test
  void aCrashedHoldersLockIsReleasedWithItsConnectionAndAnotherInstanceTakesOver()
      throws Exception {
    long id = insertSegment(db, "orphaned", "SELECT id FROM users", MONTHLY, null, null);
    JsonObject config = schedulerConfig(db, 1);
    Vertx vertx = instance();
    deployEngine(vertx, config);

    try (Connection crashed = jdbc(); Statement statement = crashed.createStatement()) {
      // The crashed instance's session still holds the segment's claim.
      statement.execute("SELECT pg_advisory_lock(" + SegmentClaims.LOCK_NAMESPACE + ", "
          + SegmentClaims.lockKey(id) + ")");
      RecalculationVerticle survivor = deployScheduler(vertx, config);
      awaitPasses(vertx, survivor, 2);
      assertThat(valueRows(db, "orphaned")).isZero();

      // Its process dies: the socket closes and PostgreSQL ends the session.
      crashed.close();
      awaitCondition(vertx, () -> valueRows(db, "orphaned") == 1, "the survivor's run");
    }

    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'orphaned'")).isEqualTo(50);
  }

  @Test
  void aTerminatedBackendReleasesItsClaimToo() throws Exception {
    long id = insertSegment(db, "killed", "SELECT id FROM users", MONTHLY, null, null);
    JsonObject config = schedulerConfig(db, 1);
    Vertx vertx = instance();
    deployEngine(vertx, config);

    try (Connection crashed = jdbc(); Statement statement = crashed.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + SegmentClaims.LOCK_NAMESPACE + ", "
          + SegmentClaims.lockKey(id) + ")");
      var rs = statement.executeQuery("SELECT pg_backend_pid()");
      rs.next();
      int pid = rs.getInt(1);
      RecalculationVerticle survivor = deployScheduler(vertx, config);
      awaitPasses(vertx, survivor, 2);
      assertThat(valueRows(db, "killed")).isZero();

      db.queryLong("SELECT count(*) FROM (SELECT pg_terminate_backend(" + pid + ")) t");
      awaitCondition(vertx, () -> valueRows(db, "killed") == 1, "the survivor's run");
    }

    assertThat(valueRows(db, "killed")).isEqualTo(1);
  }

  private static Connection jdbc() throws Exception {
    PgConnectOptions options = PgConnectOptions.fromUri(db.url());
    return DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":"
        + options.getPort() + "/" + options.getDatabase(), options.getUser(),
        options.getPassword());
  }
}
