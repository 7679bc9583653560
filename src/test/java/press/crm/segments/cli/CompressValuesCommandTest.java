package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

class CompressValuesCommandTest {

  /** Per segment and day (in the given zone), the highest value: what daily-count-stats shows. */
  private static final String DAILY_MAXIMA = "SELECT coalesce(string_agg(line, ';' ORDER BY line),"
      + " '') FROM (SELECT segment_id || '@' || (date AT TIME ZONE '%s')::date || '=' ||"
      + " max(value) AS line FROM segments.segments_values GROUP BY segment_id,"
      + " (date AT TIME ZONE '%s')::date) days";

  private static TestDatabase db;
  private static JsonObject config;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
    config = TestConfig.forDatabase(db);
    Migrations.migrateBlocking(AppConfig.from(config).database());
    db.execute("INSERT INTO segments.segment_groups (name, code) VALUES ('Tests', 'tests')");
    for (String code : new String[] {"first", "second"}) {
      db.execute("INSERT INTO segments.segments (version, name, code, table_name, query_string,"
          + " segment_group_id) VALUES (1, '" + code + "', '" + code + "', 'users',"
          + " 'SELECT id FROM users', (SELECT id FROM segments.segment_groups))");
    }
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  /**
   * Four days of values every 7 minutes for two segments, with a pseudo-random walk, repeated
   * values (ties) and a spike late in the day.
   */
  @BeforeEach
  void recordFourDaysOfValues() {
    db.execute("DELETE FROM segments.segments_values");
    db.execute("INSERT INTO segments.segments_values (segment_id, date, value)"
        + " SELECT s.id, timestamptz '2026-03-01 00:00:00+00' + g * interval '7 minutes',"
        + " 1000 + (g * 37 + s.id * 11) % 97 - (g % 5) * 3"
        + " FROM segments.segments s, generate_series(0, 4 * 24 * 60 / 7) g");
    db.execute("INSERT INTO segments.segments_values (segment_id, date, value)"
        + " SELECT id, timestamptz '2026-03-02 23:59:00+00', 5000 FROM segments.segments");
  }

  private static String dailyMaxima(String zone) {
    return db.queryString(String.format(DAILY_MAXIMA, zone, zone));
  }

  private static JsonObject configIn(String zone) {
    JsonObject copy = config.copy();
    copy.getJsonObject("recalculation").put("timezone", zone);
    return copy;
  }

  private static long rows() {
    return db.queryLong("SELECT count(*) FROM segments.segments_values");
  }

  @Test
  void compressingKeepsOneValuePerSegmentPerHourAndEveryDailyMaximum() {
    String maximaBefore = dailyMaxima("UTC");
    long outsideBefore = db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE date < '2026-03-02' OR date >= '2026-03-04'");

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> configIn("UTC")),
        "--from", "2026-03-02", "--to", "2026-03-03");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("deleted").contains("2026-03-02").contains("2026-03-03");
    assertThat(dailyMaxima("UTC")).isEqualTo(maximaBefore);
    assertThat(db.queryLong("SELECT max(n) FROM (SELECT count(*) AS n FROM"
        + " segments.segments_values WHERE date >= '2026-03-02' AND date < '2026-03-04'"
        + " GROUP BY segment_id, date_trunc('hour', date AT TIME ZONE 'UTC')) hours"))
        .isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE date >= '2026-03-02' AND date < '2026-03-04'")).isEqualTo(2 * 48);
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE date < '2026-03-02' OR date >= '2026-03-04'")).isEqualTo(outsideBefore);
  }

  @Test
  void theSpikeOfTheDaySurvivesAndEachHourKeepsItsHighestValue() {
    long highestOfAnHour = db.queryLong("SELECT max(value) FROM segments.segments_values"
        + " WHERE segment_id = (SELECT min(id) FROM segments.segments)"
        + " AND date >= '2026-03-02 10:00+00' AND date < '2026-03-02 11:00+00'");

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> configIn("UTC")),
        "--from", "2026-03-02", "--to", "2026-03-02");

    assertThat(run.exitCode()).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE value = 5000")).isEqualTo(2);
    assertThat(db.queryLong("SELECT value FROM segments.segments_values"
        + " WHERE segment_id = (SELECT min(id) FROM segments.segments)"
        + " AND date >= '2026-03-02 10:00+00' AND date < '2026-03-02 11:00+00'"))
        .isEqualTo(highestOfAnHour);
  }

  @Test
  void ofEqualValuesInAnHourTheLatestIsKept() {
    db.execute("DELETE FROM segments.segments_values");
    db.execute("INSERT INTO segments.segments_values (segment_id, date, value)"
        + " SELECT min(id), t, 10 FROM segments.segments, (VALUES"
        + " (timestamptz '2026-03-05 08:05+00'), ('2026-03-05 08:35+00'),"
        + " ('2026-03-05 08:50+00')) v(t) GROUP BY t");

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> configIn("UTC")),
        "--from", "2026-03-05", "--to", "2026-03-05");

    assertThat(run.exitCode()).isZero();
    assertThat(rows()).isEqualTo(1);
    assertThat(db.queryString("SELECT to_char(date AT TIME ZONE 'UTC', 'HH24:MI')"
        + " FROM segments.segments_values")).isEqualTo("08:50");
  }

  @Test
  void daysAreCountedInTheConfiguredTimezoneAndTheirMaximaSurvive() {
    String bratislavaBefore = dailyMaxima("Europe/Bratislava");
    String kolkataBefore = dailyMaxima("Asia/Kolkata");
    String utcBefore = dailyMaxima("UTC");

    CommandRun run = CommandRun.of(
        new CompressValuesCommand(vertx -> configIn("Asia/Kolkata")),
        "--from", "2026-03-01", "--to", "2026-03-05");

    assertThat(run.exitCode()).isZero();
    assertThat(dailyMaxima("Asia/Kolkata")).isEqualTo(kolkataBefore);
    assertThat(dailyMaxima("UTC")).isEqualTo(utcBefore);
    assertThat(dailyMaxima("Europe/Bratislava")).isEqualTo(bratislavaBefore);
  }

  @Test
  void aFixedOffsetTimezoneIsHonouredWithTheRightSign() {
    db.execute("DELETE FROM segments.segments_values");
    // 22:30 and 23:30 UTC on 5 March are 00:30 and 01:30 on 6 March at +02:00.
    db.execute("INSERT INTO segments.segments_values (segment_id, date, value)"
        + " SELECT min(id), t, n FROM segments.segments, (VALUES"
        + " (timestamptz '2026-03-05 22:10+00', 1), ('2026-03-05 22:30+00', 2),"
        + " ('2026-03-05 23:30+00', 3)) v(t, n) GROUP BY t, n");

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> configIn("+02:00")),
        "--from", "2026-03-06", "--to", "2026-03-06");

    assertThat(run.exitCode()).isZero();
    assertThat(db.queryString("SELECT string_agg(value::text, ',' ORDER BY value)"
        + " FROM segments.segments_values")).isEqualTo("2,3");
  }

  @Test
  void compressingTwiceChangesNothingTheSecondTime() {
    CommandRun.of(new CompressValuesCommand(vertx -> configIn("UTC")),
        "--from", "2026-03-01", "--to", "2026-03-04");
    long after = rows();

    CommandRun again = CommandRun.of(new CompressValuesCommand(vertx -> configIn("UTC")),
        "--from", "2026-03-01", "--to", "2026-03-04");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("deleted 0 row(s)");
    assertThat(rows()).isEqualTo(after);
  }

  @Test
  void badDatesExitWithTwoAndDeleteNothing() {
    long before = rows();
    String[][] invalid = {
        {"--from", "2026-3-1", "--to", "2026-03-02"},
        {"--from", "2026-02-30", "--to", "2026-03-02"},
        {"--from", "2026-03-01", "--to", "yesterday"},
        {"--from", "2026-03-01'; DELETE FROM segments.segments_values; --",
            "--to", "2026-03-02"},
        {"--from", "+12026-03-01", "--to", "2026-03-02"},
        {"--from", "2026-03-04", "--to", "2026-03-01"},
    };

    for (String[] args : invalid) {
      CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> config), args);

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", args)).containsAnyOf("must be a date",
          "must not be after");
    }
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void missingOptionsAreAUsageError() {
    long before = rows();

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> config),
        "--from", "2026-03-01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--to");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void noTokenKeyIsNeededToCompress() {
    JsonObject withoutKey = configIn("UTC");
    withoutKey.getJsonObject("auth").getJsonObject("jwt").putNull("secret");

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> withoutKey),
        "--from", "2026-03-01", "--to", "2026-03-01");

    assertThat(run.exitCode()).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE date >= '2026-03-01' AND date < '2026-03-02'")).isEqualTo(2 * 24);
  }

  @Test
  void anInvalidTimezoneNamesTheKeyAndDeletesNothing() {
    long before = rows();

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> configIn("Mars/Olympus")),
        "--from", "2026-03-01", "--to", "2026-03-02");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("recalculation.timezone");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void anUnreachableDatabaseFailsWithOneLineAndExitOne() {
    JsonObject unreachable = config.copy();
    unreachable.getJsonObject("database").put("url", "postgresql://root@127.0.0.1:1/none")
        .put("connect_timeout_seconds", 1);

    CommandRun run = CommandRun.of(new CompressValuesCommand(vertx -> unreachable),
        "--from", "2026-03-01", "--to", "2026-03-02");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("compress-values failed, nothing was deleted");
  }
}
