package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.EvaluationFixture;

/** %segment.CODE% nesting: expansion one and two levels deep, cycles, missing references. */
class NestedSegmentTest {

  private static EvaluationFixture fixture;

  @BeforeAll
  static void start() {
    fixture = EvaluationFixture.start(30, config -> { });
    DemoTables.segment(fixture.db, "active", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.active");
    DemoTables.segment(fixture.db, "active_subscribers", "users",
        "SELECT %fields% FROM %table% JOIN subscriptions s ON s.user_id = %table%.id"
            + " WHERE %where% AND %table%.id IN (SELECT id FROM (%segment.active%) a)");
    DemoTables.segment(fixture.db, "active_subscribers_low", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 12"
            + " AND %table%.id IN (SELECT id FROM (%segment.active_subscribers%) b)");
    DemoTables.segment(fixture.db, "loop_a", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.loop_b%) x)");
    DemoTables.segment(fixture.db, "loop_b", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.loop_a%) y)");
    DemoTables.segment(fixture.db, "self", "users",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.self%) z)");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static JsonObject validate(String code, String sql) {
    return new JsonObject().put("code", code).put("definition", new JsonObject()
        .put("table_name", "users").put("version", 1).put("query_string", sql));
  }

  @Test
  void oneLevelOfNestingIntersectsWithTheNestedSegment() {
    JsonObject reply = fixture.call(BusContract.COUNT,
        new JsonObject().put("code", "active_subscribers"));

    // even ids 2..30 that are not multiples of 3: 15 - 5
    assertThat(reply.getLong("count")).isEqualTo(10);
    assertThat(reply.getString("query")).doesNotContain("%segment").contains("users.active");
  }

  @Test
  void twoLevelsOfNestingExpandRecursively() {
    long count = fixture.call(BusContract.COUNT,
        new JsonObject().put("code", "active_subscribers_low")).getLong("count");

    // 2, 4, 8, 10 (6 and 12 are multiples of 3)
    assertThat(count).isEqualTo(4);
    assertThat(fixture.call(BusContract.CHECK, new JsonObject().put("code", "active_subscribers_low")
        .put("resolver_type", "id").put("resolver_value", "8")).getBoolean("check")).isTrue();
  }

  @Test
  void aCycleBetweenTwoSegmentsIsRefusedAndNamed() {
    Throwable failure = Await.failure(fixture.request(BusContract.COUNT,
        new JsonObject().put("code", "loop_a")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(failure).hasMessageContaining("cycle").hasMessageContaining("loop_a -> loop_b -> loop_a");
  }

  @Test
  void aSegmentReferencingItselfIsACycle() {
    Throwable failure = Await.failure(fixture.request(BusContract.COUNT,
        new JsonObject().put("code", "self")));

    assertThat(failure).hasMessageContaining("self -> self");
  }

  @Test
  void savingADefinitionThatWouldCloseACycleIsRefused() {
    Throwable failure = Await.failure(fixture.request(BusContract.VALIDATE, validate("active",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN"
            + " (SELECT id FROM (%segment.active_subscribers%) x)")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(failure).hasMessageContaining("active -> active_subscribers -> active");
  }

  @Test
  void aReferenceToAMissingSegmentIsRefusedAndNamed() {
    Throwable failure = Await.failure(fixture.request(BusContract.VALIDATE, validate("new_one",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.ghost%) g)")));

    assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
    assertThat(failure).hasMessageContaining("ghost");
  }

  @Test
  void aValidNestedDefinitionReportsItsReferences() {
    JsonObject reply = fixture.call(BusContract.VALIDATE, validate("new_nested",
        "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.active%) g)"));

    assertThat(reply.getJsonArray("references").getList()).containsExactly("active");
    assertThat(reply.getString("query_string")).contains("%segment.active%");
    assertThat(reply.getString("query")).doesNotContain("%");
  }

  @Test
  void nestingSwitchedOffRefusesReferences() {
    try (EvaluationFixture off = EvaluationFixture.start(3,
        config -> config.getJsonObject("segments").put("nesting", false))) {
      DemoTables.segment(off.db, "base", "users", "SELECT %fields% FROM %table% WHERE %where%");

      Throwable failure = Await.failure(off.request(BusContract.VALIDATE, validate("x",
          "SELECT %fields% FROM %table% WHERE %where% AND id IN (SELECT id FROM (%segment.base%) b)")));

      assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.INVALID);
      assertThat(failure).hasMessageContaining("nesting is switched off");
    }
  }
}
