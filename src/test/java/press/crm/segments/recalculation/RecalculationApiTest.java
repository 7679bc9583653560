package press.crm.segments.recalculation;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.recalculation.SchedulerFixtures.awaitCondition;
import static press.crm.segments.recalculation.SchedulerFixtures.createGroup;
import static press.crm.segments.recalculation.SchedulerFixtures.schedulerConfig;
import static press.crm.segments.recalculation.SchedulerFixtures.valueRows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TestDatabase;

/** The timer honours the periodicity set through the API, and the API shows what it did. */
class RecalculationApiTest {

  private static TestDatabase db;
  private static ApiServer server;
  private static String token;

  @BeforeAll
  static void startServerWithTheTimerOn() {
    db = TestDatabase.create();
    JsonObject config = schedulerConfig(db, 2);
    Migrations.migrateBlocking(AppConfig.from(config).database());
    DemoTables.create(db, 30);
    createGroup(db);
    server = ApiServer.start(config);
    token = server.token("segments/*");
  }

  @AfterAll
  static void stop() {
    server.close();
    db.close();
  }

  private static JsonObject segment(String code, JsonObject periodicity) {
    return new JsonObject().put("table_name", "users").put("group_code", "tests")
        .put("name", code).put("code", code)
        .put("query_string", "SELECT %fields% FROM %table% WHERE active AND %where%")
        .put("cache_count_periodicity", periodicity);
  }

  private static JsonObject every(int amount, String unit) {
    return new JsonObject().put("amount", amount).put("unit", unit);
  }

  @Test
  void aNewSegmentIsCountedAtOnceAndShowReportsTheCountAndPeriodicity() {
    HttpResponse<Buffer> created = server.post("segments/detail", token,
        segment("monthly_active", every(30, "days")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    long id = created.bodyAsJsonObject().getLong("id");

    awaitCondition(server.vertx(), () -> valueRows(db, "monthly_active") == 1,
        "the first scheduled recalculation");
    HttpResponse<Buffer> shown = server.get("segments/show?id=" + id, token);

    assertThat(shown.statusCode()).isEqualTo(200);
    JsonObject segment = shown.bodyAsJsonObject().getJsonObject("segment");
    assertThat(segment.getLong("cache_count")).isEqualTo(20);
    assertThat(segment.getString("cache_count_updated_at")).isNotNull();
    assertThat(segment.getDouble("cache_count_time")).isNotNull();
    assertThat(segment.getJsonObject("cache_count_periodicity"))
        .isEqualTo(every(30, "days"));
  }

  @Test
  void aShorterPeriodicitySetThroughDetailMakesTheSegmentDueSooner() {
    HttpResponse<Buffer> created = server.post("segments/detail", token,
        segment("soon_active", every(30, "days")));
    long id = created.bodyAsJsonObject().getLong("id");
    awaitCondition(server.vertx(), () -> valueRows(db, "soon_active") == 1, "the first run");
    // Two minutes pass: not enough for 30 days, enough for 1 minute.
    db.execute("UPDATE segments.segments SET cache_count_updated_at = cache_count_updated_at"
        + " - interval '2 minutes' WHERE id = " + id);

    HttpResponse<Buffer> updated = server.post("segments/detail?id=" + id, token,
        segment("soon_active", every(1, "minutes")));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    awaitCondition(server.vertx(), () -> valueRows(db, "soon_active") == 2, "the second run");

    JsonObject segment = server.get("segments/show?id=" + id, token).bodyAsJsonObject()
        .getJsonObject("segment");
    assertThat(segment.getJsonObject("cache_count_periodicity")).isEqualTo(every(1, "minutes"));
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments WHERE id = " + id
        + " AND cache_count_updated_at > now() - interval '1 minute'")).isEqualTo(1);
  }
}
