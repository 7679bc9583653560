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

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.TestDatabase;

/** The timer verticle against a real database, with a stand-in for the engine's RECALCULATE. */
class RecalculationSchedulerTest {

  private static TestDatabase db;
  private Vertx vertx;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
    Migrations.migrateBlocking(AppConfig.from(schedulerConfig(db, 1)).database());
    createGroup(db);
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertxAndForgetSegments() {
    await(vertx.close());
    db.execute("DELETE FROM segments.recalculation_failures");
    db.execute("DELETE FROM segments.segments_values");
    db.execute("DELETE FROM segments.segments");
  }

  @Test
  void dueSegmentsAreRecalculatedAndSegmentsNotDueAreLeftAlone() {
    insertSegment(db, "never_calculated", "{\"amount\": 1, \"unit\": \"days\"}", null);
    insertSegment(db, "minutes_overdue", "{\"amount\": 1, \"unit\": \"minutes\"}",
        "now() - interval '2 minutes'");
    insertSegment(db, "hours_overdue", "{\"amount\": 1, \"unit\": \"hours\"}",
        "now() - interval '3 hours'");
    insertSegment(db, "days_fresh", "{\"amount\": 30, \"unit\": \"days\"}", "now()");
    insertSegment(db, "minutes_fresh", "{\"amount\": 30, \"unit\": \"minutes\"}", "now()");
    long deleted = insertSegment(db, "deleted_never", null, null);
    db.execute("UPDATE segments.segments SET deleted_at = now() WHERE id = " + deleted);
    JsonObject config = schedulerConfig(db, 2);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config);

    RecalculationVerticle scheduler = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> db.queryLong("SELECT count(*) FROM segments.segments"
        + " WHERE cache_count = " + FakeRecalculation.COUNT) == 3, "three recalculations");
    awaitPasses(vertx, scheduler, 2);

    assertThat(engine.order()).containsExactlyInAnyOrder(
        "never_calculated", "minutes_overdue", "hours_overdue");
    for (String code : List.of("never_calculated", "minutes_overdue", "hours_overdue")) {
      assertThat(valueRows(db, code)).as(code).isEqualTo(1);
    }
    for (String code : List.of("days_fresh", "minutes_fresh", "deleted_never")) {
      assertThat(valueRows(db, code)).as(code).isZero();
    }
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments"
        + " WHERE cache_count IS NULL")).isEqualTo(3);
  }

  @Test
  void theShortestPeriodicityRunsFirst() {
    insertSegment(db, "a_daily", "{\"amount\": 1, \"unit\": \"days\"}", null);
    insertSegment(db, "b_default_six_hours", null, null);
    insertSegment(db, "c_every_ten_minutes", "{\"amount\": 10, \"unit\": \"minutes\"}", null);
    insertSegment(db, "d_every_two_hours", "{\"amount\": 2, \"unit\": \"hours\"}", null);
    insertSegment(db, "e_every_ninety_minutes", "{\"amount\": 90, \"unit\": \"minutes\"}",
        null);
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config);

    deployScheduler(vertx, config);
    awaitCondition(vertx, () -> engine.order().size() == 5, "five recalculations");

    assertThat(engine.order()).containsExactly("c_every_ten_minutes", "e_every_ninety_minutes",
        "d_every_two_hours", "b_default_six_hours", "a_daily");
  }

  @Test
  void aFailingSegmentKeepsItsCountAndDoesNotStopTheOthers() {
    insertSegment(db, "a_fine", "SELECT id FROM users", null, null, null);
    insertSegment(db, "b_broken", "SELECT id FROM users WHERE 1/0 = 1",
        "{\"amount\": 1, \"unit\": \"minutes\"}", "now() - interval '1 day'", 42L);
    insertSegment(db, "c_fine", "SELECT id FROM users", null, null, null);
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config, 0,
        Set.of("b_broken"), new ConcurrentHashMap<>());

    RecalculationVerticle scheduler = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> valueRows(db, "a_fine") == 1 && valueRows(db, "c_fine") == 1
        && failures("b_broken") == 1, "the healthy segments and the failure");
    awaitPasses(vertx, scheduler, 2);

    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'b_broken'")).isEqualTo(42);
    assertThat(valueRows(db, "b_broken")).isZero();
    assertThat(valueRows(db, "a_fine")).isEqualTo(1);
    assertThat(valueRows(db, "c_fine")).isEqualTo(1);
    // Not retried on every tick: the first retry waits a minute.
    assertThat(engine.calls("b_broken")).isEqualTo(1);
    assertThat(failures("b_broken")).isEqualTo(1);
    assertThat(db.queryString("SELECT reason FROM segments.recalculation_failures"))
        .contains("division by zero");
  }

  @Test
  void aFailingSegmentIsRetriedAfterItsPauseAndASuccessClearsTheFailure() {
    insertSegment(db, "flaky", "{\"amount\": 1, \"unit\": \"days\"}", null);
    Set<String> failing = ConcurrentHashMap.newKeySet();
    failing.add("flaky");
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config, 0, failing,
        new ConcurrentHashMap<>());
    deployScheduler(vertx, config);
    awaitCondition(vertx, () -> failures("flaky") == 1, "the first failure");

    db.execute("UPDATE segments.recalculation_failures SET failed_at = now() - interval '61 s'");
    awaitCondition(vertx, () -> failures("flaky") == 2, "the second failure");
    failing.clear();
    db.execute("UPDATE segments.recalculation_failures SET failed_at = now() - interval '121 s'");
    awaitCondition(vertx, () -> valueRows(db, "flaky") == 1, "the successful retry");

    assertThat(engine.calls("flaky")).isEqualTo(3);
    assertThat(db.queryLong("SELECT count(*) FROM segments.recalculation_failures")).isZero();
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments WHERE code = 'flaky'"))
        .isEqualTo(FakeRecalculation.COUNT);
  }

  private static long failures(String code) {
    return db.queryLong("SELECT coalesce(max(f.failures), 0) FROM"
        + " segments.recalculation_failures f JOIN segments.segments s ON s.id = f.segment_id"
        + " WHERE s.code = '" + code + "'");
  }

  @Test
  void aSegmentWhoseStoredPeriodicityIsInvalidFallsBackToTheDefault() {
    insertSegment(db, "odd_periodicity", "{\"amount\": \"lots\", \"unit\": \"weeks\"}",
        "now() - interval '7 hours'");
    insertSegment(db, "odd_but_fresh", "{\"amount\": 0, \"unit\": \"minutes\"}",
        "now() - interval '1 minute'");
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config);

    RecalculationVerticle scheduler = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> valueRows(db, "odd_periodicity") == 1, "the overdue segment");
    awaitPasses(vertx, scheduler, 2);

    assertThat(engine.order()).containsExactly("odd_periodicity");
    assertThat(valueRows(db, "odd_but_fresh")).isZero();
  }

  @Test
  void theDueGaugeReportsHowManySegmentsWereDueAtTheLastTick() {
    insertSegment(db, "due_one", null, null);
    insertSegment(db, "due_two", null, null);
    insertSegment(db, "not_due", "{\"amount\": 30, \"unit\": \"days\"}", "now()");
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation.register(vertx, config, 500, Set.of(), new ConcurrentHashMap<>());

    deployScheduler(vertx, config);
    Gauge gauge = ServerVertx.meters().find(RecalculationVerticle.DUE_GAUGE).gauge();
    assertThat(gauge).isNotNull();
    awaitCondition(vertx, () -> gauge.value() == 2.0, "two due segments on the gauge");
    awaitCondition(vertx, () -> valueRows(db, "due_one") == 1 && valueRows(db, "due_two") == 1,
        "both recalculated");

    awaitCondition(vertx, () -> gauge.value() == 0.0, "an empty backlog on the gauge");
    assertThat(valueRows(db, "not_due")).isZero();
  }

  @Test
  void onTheMorningOfTheSpringDstChangeOnlyTheSegmentsDueByTheLocalScheduleRun() {
    // The scheduler's clock reads 04:00:05 CEST on 2026-03-29 in Bratislava, the day the clocks
    // jump from 02:00 to 03:00.
    Duration shift = Duration.between(Instant.now(), Instant.parse("2026-03-29T02:00:05Z"));
    Clock clock = Clock.offset(Clock.systemUTC(), shift);
    String daily = "{\"amount\": 1, \"unit\": \"days\"}";
    String hourly = "{\"amount\": 1, \"unit\": \"hours\"}";
    insertSegment(db, "daily_yesterday_0400", daily, "'2026-03-28 04:00:40+01'");
    insertSegment(db, "daily_today_0150", daily, "'2026-03-29 01:50:00+01'");
    insertSegment(db, "hourly_at_0330", hourly, "'2026-03-29 03:30:10+02'");
    insertSegment(db, "hourly_at_0130", hourly, "'2026-03-29 01:30:10+01'");
    JsonObject config = schedulerConfig(db, 1);
    config.getJsonObject("recalculation").put("timezone", "Europe/Bratislava")
        .put("daily_time", "04:00").put("hourly_minute", 30);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config).shiftedBy(shift);

    RecalculationVerticle scheduler = new RecalculationVerticle(clock);
    await(vertx.deployVerticle(scheduler, new DeploymentOptions().setConfig(config)));
    awaitCondition(vertx, () -> engine.order().size() == 2, "two recalculations");
    awaitPasses(vertx, scheduler, 2);

    assertThat(engine.order()).containsExactly("hourly_at_0130", "daily_yesterday_0400");
    assertThat(valueRows(db, "daily_today_0150")).isZero();
    assertThat(valueRows(db, "hourly_at_0330")).isZero();
  }

  @Test
  void anUndeployedSchedulerStartsNothingMore() {
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config);
    RecalculationVerticle stopped = deployScheduler(vertx, config);
    awaitPasses(vertx, stopped, 1);

    await(vertx.undeploy(stopped.deploymentID()));
    long passesAtStop = stopped.completedPasses();
    insertSegment(db, "after_stop", null, null);
    RecalculationVerticle successor = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> valueRows(db, "after_stop") == 1, "the successor's run");
    awaitPasses(vertx, successor, 2);

    assertThat(stopped.completedPasses()).isEqualTo(passesAtStop);
    assertThat(engine.calls("after_stop")).isEqualTo(1);
    assertThat(valueRows(db, "after_stop")).isEqualTo(1);
  }

  @Test
  void theDueGaugeIsRemovedWhenTheSchedulerStops() {
    RecalculationVerticle scheduler = deployScheduler(vertx, schedulerConfig(db, 1));
    assertThat(ServerVertx.meters().find(RecalculationVerticle.DUE_GAUGE).gauge()).isNotNull();

    await(vertx.undeploy(scheduler.deploymentID()));

    assertThat(ServerVertx.meters().find(RecalculationVerticle.DUE_GAUGE).gauge()).isNull();
  }
}
