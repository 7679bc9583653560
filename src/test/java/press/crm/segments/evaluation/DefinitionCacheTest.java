package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.EvaluationFixture;

/** Loaded definitions are reused until a change is announced, by this process or another. */
class DefinitionCacheTest {

  private static EvaluationFixture cached;
  private static EvaluationFixture uncached;

  @BeforeAll
  static void start() {
    cached = EvaluationFixture.start(20, config -> { });
    uncached = EvaluationFixture.start(20, config ->
        config.getJsonObject("evaluation").put("definition_cache_seconds", 0));
  }

  @AfterAll
  static void stop() {
    cached.close();
    uncached.close();
  }

  private static long count(EvaluationFixture fixture, String code) {
    return fixture.call(BusContract.COUNT, new JsonObject().put("code", code)).getLong("count");
  }

  private static void redefine(EvaluationFixture fixture, String code, int upTo) {
    fixture.db.execute("UPDATE segments.segments SET query_string ="
        + " 'SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= " + upTo + "'"
        + " WHERE code = '" + code + "'");
  }

  @Test
  void aDirectEditIsNotSeenUntilAChangeIsAnnouncedInThisProcess() {
    DemoTables.segment(cached.db, "local", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 10");
    assertThat(count(cached, "local")).isEqualTo(10);

    redefine(cached, "local", 4);
    long beforeAnnouncement = count(cached, "local");
    cached.vertx.eventBus().publish(BusContract.DEFINITIONS_CHANGED, new JsonObject());

    assertThat(beforeAnnouncement).isEqualTo(10);
    assertThat(count(cached, "local")).isEqualTo(4);
  }

  @Test
  void aNotificationFromAnotherInstanceClearsTheCache() {
    DemoTables.segment(cached.db, "remote", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 10");
    assertThat(count(cached, "remote")).isEqualTo(10);

    redefine(cached, "remote", 6);
    cached.db.execute("NOTIFY " + BusContract.DEFINITIONS_CHANGED_CHANNEL);

    long seen = count(cached, "remote");
    for (int attempt = 0; attempt < 500 && seen != 6; attempt++) {
      seen = count(cached, "remote");
    }
    assertThat(seen).isEqualTo(6);
  }

  @Test
  void withTheCacheOffEveryRequestReadsTheDefinition() {
    DemoTables.segment(uncached.db, "plain", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 10");
    assertThat(count(uncached, "plain")).isEqualTo(10);

    redefine(uncached, "plain", 2);

    assertThat(count(uncached, "plain")).isEqualTo(2);
  }
}
