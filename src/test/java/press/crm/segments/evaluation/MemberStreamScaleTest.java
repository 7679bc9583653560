package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.EvaluationFixture;

/**
 * Large member streams arrive in bounded batches (the cursor never holds more than one batch),
 * and streams work when several evaluation instances share the bus.
 */
class MemberStreamScaleTest {

  private static final int USERS = 120_000;
  private static final int BATCH = 5_000;

  private static EvaluationFixture fixture;

  @BeforeAll
  static void start() {
    fixture = EvaluationFixture.start(USERS, config -> config.getJsonObject("evaluation")
        .put("instances", 1).put("stream_batch_size", BATCH));
    Await.result(fixture.vertx.deployVerticle(EvaluationVerticle.class.getName(),
        new io.vertx.core.DeploymentOptions().setConfig(fixture.config).setInstances(2)));
    DemoTables.segment(fixture.db, "everyone", "users", "SELECT %fields% FROM %table% WHERE %where%");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static Future<long[]> drain(String stream, long[] state) {
    return fixture.request(stream, new JsonObject()).compose(batch -> {
      int size = batch.getJsonArray("rows").size();
      state[0] += size;
      state[1] = Math.max(state[1], size);
      for (Object row : batch.getJsonArray("rows")) {
        long id = ((JsonObject) row).getLong("id");
        if (id <= state[2]) {
          state[3]++;
        }
        state[2] = id;
      }
      return batch.getBoolean("done") ? Future.succeededFuture(state) : drain(stream, state);
    });
  }

  @Test
  void everyMemberArrivesOnceInOrderInBatchesNoLargerThanConfigured() {
    String stream = fixture.call(BusContract.MEMBERS_OPEN, new JsonObject().put("code", "everyone"))
        .getString("stream");

    long[] state = Await.result(drain(stream, new long[4]));

    assertThat(state[0]).as("members").isEqualTo(USERS);
    assertThat(state[1]).as("largest batch").isEqualTo(BATCH);
    assertThat(state[3]).as("ids out of order").isZero();
  }

  @Test
  void concurrentStreamsAcrossSeveralEvaluationInstancesAllComplete() {
    List<Future<long[]>> streams = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      streams.add(fixture.request(BusContract.MEMBERS_OPEN, new JsonObject().put("code", "everyone"))
          .compose(opened -> drain(opened.getString("stream"), new long[4])));
    }

    Await.result(Future.all(streams));

    for (Future<long[]> stream : streams) {
      assertThat(stream.result()[0]).isEqualTo(USERS);
      assertThat(stream.result()[3]).isZero();
    }
  }
}
