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
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.evaluation.EvaluationVerticle;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TcpProxy;
import press.crm.segments.testing.TestDatabase;

/** The timer keeps ticking through a database outage and catches up once it is over. */
class RecalculationOutageTest {

  private static TestDatabase db;
  private static Vertx vertx;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
    Migrations.migrateBlocking(AppConfig.from(schedulerConfig(db, 1)).database());
    DemoTables.create(db, 12);
    createGroup(db);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void dropDatabase() {
    await(vertx.close());
    db.close();
  }

  @Test
  void aSegmentThatBecomesDueDuringAnOutageIsRecalculatedWhenTheDatabaseReturns() {
    PgConnectOptions target = PgConnectOptions.fromUri(db.url());
    TcpProxy proxy = new TcpProxy(vertx, target.getHost(), target.getPort());
    int port = await(proxy.start(0));
    JsonObject config = schedulerConfig(db, 1);
    config.getJsonObject("database").put("connect_timeout_seconds", 1).put("url",
        "postgresql://" + target.getUser() + "@127.0.0.1:" + port + "/" + target.getDatabase());
    insertSegment(db, "before", "SELECT id FROM users", null, null, null);
    await(vertx.deployVerticle(EvaluationVerticle.class.getName(),
        new DeploymentOptions().setConfig(config)));
    RecalculationVerticle scheduler = deployScheduler(vertx, config);
    awaitCondition(vertx, () -> valueRows(db, "before") == 1, "the first recalculation");

    await(proxy.cut());
    insertSegment(db, "during", "SELECT id FROM users", null, null, null);
    awaitPasses(vertx, scheduler, 3);
    assertThat(valueRows(db, "during")).isZero();

    TcpProxy restored = new TcpProxy(vertx, target.getHost(), target.getPort());
    await(restored.start(port));
    awaitCondition(vertx, () -> valueRows(db, "during") == 1, "the catch-up recalculation");

    assertThat(db.queryLong("SELECT cache_count FROM segments.segments WHERE code = 'during'"))
        .isEqualTo(12);
    assertThat(valueRows(db, "before")).isEqualTo(1);
    assertThat(vertx.deploymentIDs()).contains(scheduler.deploymentID());
  }
}
