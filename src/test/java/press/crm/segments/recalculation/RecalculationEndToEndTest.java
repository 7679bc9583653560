package press.crm.segments.recalculation;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.recalculation.SchedulerFixtures.await;
import static press.crm.segments.recalculation.SchedulerFixtures.awaitCondition;
import static press.crm.segments.recalculation.SchedulerFixtures.createGroup;
import static press.crm.segments.recalculation.SchedulerFixtures.insertSegment;
import static press.crm.segments.recalculation.SchedulerFixtures.schedulerConfig;
import static press.crm.segments.recalculation.SchedulerFixtures.valueRows;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.Server;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TestDatabase;

/** A whole server with the timer on and the real evaluation engine behind RECALCULATE. */
class RecalculationEndToEndTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static Server server;

  @BeforeAll
  static void startServerWithSegments() {
    db = TestDatabase.create();
    JsonObject config = schedulerConfig(db, 2);
    Migrations.migrateBlocking(AppConfig.from(config).database());
    DemoTables.create(db, 30);
    createGroup(db);
    insertSegment(db, "active_never", "SELECT id FROM users WHERE active", null, null, null);
    insertSegment(db, "all_overdue", "SELECT id FROM users",
        "{\"amount\": 5, \"unit\": \"minutes\"}", "now() - interval '6 minutes'", 3L);
    insertSegment(db, "divides_by_zero", "SELECT id FROM users WHERE id / 0 = 1",
        "{\"amount\": 1, \"unit\": \"hours\"}", "now() - interval '2 days'", 42L);
    insertSegment(db, "web_fresh", "SELECT id FROM users WHERE source = 'web'",
        "{\"amount\": 30, \"unit\": \"days\"}", "now()", 11L);
    vertx = ServerVertx.create();
    server = await(Server.start(vertx, AppConfig.from(config)));
  }

  @AfterAll
  static void stopServer() {
    await(vertx.close());
    db.close();
  }

  @Test
  void dueSegmentsAreCountedAFailingOneKeepsItsCountAndFreshOnesAreLeftAlone() {
    awaitCondition(vertx, () -> valueRows(db, "active_never") == 1
        && valueRows(db, "all_overdue") == 1, "the due segments");

    // 30 users, every third inactive: 20 active.
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'active_never'")).isEqualTo(20);
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'all_overdue'")).isEqualTo(30);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments WHERE code = 'all_overdue'"
        + " AND cache_count_updated_at > now() - interval '1 minute'"
        + " AND cache_count_time IS NOT NULL")).isEqualTo(1);
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'divides_by_zero'")).isEqualTo(42);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments WHERE code ="
        + " 'divides_by_zero' AND cache_count_updated_at < now() - interval '1 day'"))
        .isEqualTo(1);
    assertThat(valueRows(db, "divides_by_zero")).isZero();
    awaitCondition(vertx, () -> db.queryLong("SELECT count(*) FROM"
        + " segments.recalculation_failures") == 1, "the failure on record");
    assertThat(db.queryString("SELECT reason FROM segments.recalculation_failures"))
        .contains("division by zero");
    assertThat(db.queryLong("SELECT cache_count FROM segments.segments"
        + " WHERE code = 'web_fresh'")).isEqualTo(11);
    assertThat(valueRows(db, "web_fresh")).isZero();
  }

  @Test
  void theDueBacklogIsExportedAsAPrometheusGauge() {
    awaitCondition(vertx, () -> valueRows(db, "active_never") == 1, "a first pass");

    HttpResponse<Buffer> response = await(WebClient.create(vertx)
        .get(server.httpPort(), "localhost", "/metrics").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("segments_recalculation_due");
  }
}
