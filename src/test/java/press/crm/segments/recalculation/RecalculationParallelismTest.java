package press.crm.segments.recalculation;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.recalculation.SchedulerFixtures.await;
import static press.crm.segments.recalculation.SchedulerFixtures.awaitCondition;
import static press.crm.segments.recalculation.SchedulerFixtures.createGroup;
import static press.crm.segments.recalculation.SchedulerFixtures.deployScheduler;
import static press.crm.segments.recalculation.SchedulerFixtures.insertSegment;
import static press.crm.segments.recalculation.SchedulerFixtures.schedulerConfig;
import static press.crm.segments.recalculation.SchedulerFixtures.valueRows;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.TestDatabase;

/** How many recalculations one instance runs at once, and what stopping does to them. */
class RecalculationParallelismTest {

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
  void startVertxWithSixDueSegments() {
    vertx = Vertx.vertx();
    for (int i = 0; i < 6; i++) {
      insertSegment(db, "due_" + i, null, null);
    }
  }

  @AfterEach
  void stopVertxAndForgetSegments() {
    await(vertx.close());
    db.execute("DELETE FROM segments.recalculation_failures");
    db.execute("DELETE FROM segments.segments_values");
    db.execute("DELETE FROM segments.segments");
  }

  private long recalculated() {
    return db.queryLong("SELECT count(DISTINCT segment_id) FROM segments.segments_values");
  }

  @Test
  void noMoreThanTheConfiguredParallelismRunAtOnce() {
    JsonObject config = schedulerConfig(db, 2);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config, 300, Set.of(),
        new ConcurrentHashMap<>());

    deployScheduler(vertx, config);
    awaitCondition(vertx, () -> recalculated() == 6, "six recalculations");

    assertThat(engine.mostAtOnce()).isEqualTo(2);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values")).isEqualTo(6);
  }

  @Test
  void parallelismIsCappedByTheDatabasePoolSize() {
    JsonObject config = schedulerConfig(db, 8);
    config.getJsonObject("database").put("pool_size", 3);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config, 300, Set.of(),
        new ConcurrentHashMap<>());

    deployScheduler(vertx, config);
    awaitCondition(vertx, () -> recalculated() == 6, "six recalculations");

    assertThat(engine.mostAtOnce()).isEqualTo(3);
  }

  @Test
  void stoppingLetsTheRecalculationInFlightFinishAndStartsNoOther() {
    JsonObject config = schedulerConfig(db, 1);
    FakeRecalculation engine = FakeRecalculation.register(vertx, config, 1_000, Set.of(),
        new ConcurrentHashMap<>());
    RecalculationVerticle scheduler = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> engine.order().size() == 1, "the first recalculation to start");

    await(vertx.undeploy(scheduler.deploymentID()));

    // The one in flight was written completely before undeploying finished; no other began.
    assertThat(engine.order()).hasSize(1);
    assertThat(valueRows(db, engine.order().get(0))).isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments"
        + " WHERE cache_count = " + FakeRecalculation.COUNT)).isEqualTo(1);
    assertThat(recalculated()).isEqualTo(1);
  }
}
