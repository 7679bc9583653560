package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** The recalculate command with the real evaluation engine on a local Vert.x. */
class RecalculateCommandTest {

  private static TestDatabase db;
  private static JsonObject config;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
    config = TestConfig.forDatabase(db);
    Migrations.migrateBlocking(AppConfig.from(config).database());
    DemoTables.create(db, 30);
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @BeforeEach
  void freshSegments() {
    db.execute("DELETE FROM segments.segments_values");
    db.execute("DELETE FROM segments.segments");
    DemoTables.segment(db, "active", "users", "SELECT id FROM users WHERE active");
    DemoTables.segment(db, "web", "users", "SELECT id FROM users WHERE source = 'web'");
    db.execute("UPDATE segments.segments SET cache_count = 99,"
        + " cache_count_updated_at = now() - interval '1 day'");
  }

  private static long valueRows() {
    return db.queryLong("SELECT count(*) FROM segments.segments_values");
  }

  private static long cacheCount(String code) {
    return db.queryLong("SELECT cache_count FROM segments.segments WHERE code = '" + code + "'");
  }

  @Test
  void oneCodeIsRecalculatedAndPrintedWithItsCount() {
    CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> config), "--code", "active");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("active\t20\t[0-9.]+s").contains("1 of 1");
    assertThat(cacheCount("active")).isEqualTo(20);
    assertThat(cacheCount("web")).isEqualTo(99);
    assertThat(valueRows()).isEqualTo(1);
  }

  @Test
  void withoutACodeEveryNonDeletedSegmentIsRecalculated() {
    DemoTables.segment(db, "gone", "users", "SELECT id FROM users");
    db.execute("UPDATE segments.segments SET deleted_at = now() WHERE code = 'gone'");

    CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> config));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("active\t20\t").containsPattern("web\t15\t")
        .contains("2 of 2").doesNotContain("gone");
    assertThat(cacheCount("active")).isEqualTo(20);
    assertThat(cacheCount("web")).isEqualTo(15);
    assertThat(valueRows()).isEqualTo(2);
  }

  @Test
  void aFailingSegmentExitsOneButTheOthersAreStillRecalculated() {
    DemoTables.segment(db, "broken", "users", "SELECT id FROM users WHERE id / 0 = 1");
    db.execute("UPDATE segments.segments SET cache_count = 42 WHERE code = 'broken'");

    CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> config));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("broken\tFAILED");
    assertThat(run.out()).contains("2 of 3");
    assertThat(cacheCount("broken")).isEqualTo(42);
    assertThat(cacheCount("active")).isEqualTo(20);
    assertThat(valueRows()).isEqualTo(2);
  }

  @Test
  void anUnknownOrHostileCodeFailsAndChangesNothing() {
    for (String code : new String[] {"no_such_segment", "active'; DELETE FROM segments; --"}) {
      CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> config), "--code", code);

      assertThat(run.exitCode()).as(code).isEqualTo(1);
      assertThat(run.err()).as(code).contains("FAILED").contains("does not exist");
    }
    assertThat(valueRows()).isZero();
    assertThat(cacheCount("active")).isEqualTo(99);
  }

  @Test
  void anEmptyCodeIsAUsageError() {
    CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> config), "--code", " ");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--code must not be empty");
    assertThat(valueRows()).isZero();
  }

  @Test
  void anInvalidConfigurationNamesTheKeyAndExitsTwo() {
    JsonObject invalid = config.copy();
    invalid.getJsonObject("recalculation").put("daily_time", "25:00");

    CommandRun run = CommandRun.of(new RecalculateCommand(vertx -> invalid), "--code", "active");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("recalculation.daily_time");
    assertThat(valueRows()).isZero();
  }

  @Test
  void bothCommandsAreRegisteredWithHelp() {
    CommandRun recalculate = CommandRun.of(new SegmentsCommand(), "recalculate", "--help");
    CommandRun compress = CommandRun.of(new SegmentsCommand(), "compress-values", "--help");

    assertThat(recalculate.exitCode()).isZero();
    assertThat(recalculate.out()).contains("--code");
    assertThat(compress.exitCode()).isZero();
    assertThat(compress.out()).contains("--from").contains("--to");
  }
}
