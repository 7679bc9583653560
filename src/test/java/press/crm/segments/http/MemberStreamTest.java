package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.config.EvaluationOptions;
import press.crm.segments.testing.ApiServer;

/**
 * The HTTP side of member streaming against a scripted stream on the event bus: batches in
 * order with one request in flight, errors before and after the head, and client departure.
 */
class MemberStreamTest {

  private static final String STREAM = "test.member.stream";

  private Vertx vertx;
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    EvaluationClient evaluation =
        new EvaluationClient(vertx.eventBus(), new EvaluationOptions(1, 30_000, 1000, 60, 60));
    Router router = Router.router(vertx);
    router.get("/users").handler(ctx -> new MemberStream(ctx, evaluation, STREAM, "id").start());
    server = ApiServer.await(vertx.createHttpServer().requestHandler(router).listen(0));
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    ApiServer.await(vertx.close());
  }

  private static JsonObject batch(int from, int count, boolean done) {
    JsonArray rows = new JsonArray();
    for (int id = from; id < from + count; id++) {
      rows.add(new JsonObject().put("id", (long) id)
          .put("email", "subscriber-number-" + id + "@newsletter.example.com"));
    }
    return new JsonObject().put(Fields.ROWS, rows).put(Fields.DONE, done);
  }

  /** A response with its whole body, read from the moment the head arrives. */
  private record Answer(HttpClientResponse response, Buffer body) {
  }

  private Future<HttpClientResponse> send() {
    return client.request(HttpMethod.GET, server.actualPort(), "localhost", "/users")
        .compose(request -> request.send());
  }

  private Answer fetch() {
    return ApiServer.await(send().compose(response -> response.body()
        .map(body -> new Answer(response, body))));
  }

  @Test
  void batchesArriveInOrderWithOneRequestInFlight() {
    AtomicInteger served = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(STREAM, message -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      int n = served.getAndIncrement();
      // Answer on a later turn of the loop so overlapping requests would be visible.
      vertx.runOnContext(ignored -> {
        inFlight.decrementAndGet();
        message.reply(batch(n * 100 + 1, 100, n == 49));
      });
    });

    Answer answer = fetch();

    assertThat(answer.response().statusCode()).isEqualTo(200);
    assertThat(answer.response().getHeader("Content-Type")).isEqualTo(ApiErrors.JSON);
    JsonArray users = answer.body().toJsonObject().getJsonArray("users");
    assertThat(users).hasSize(5000);
    assertThat(users.getJsonObject(0)).isEqualTo(
        new JsonObject().put("id", "1").put("email", "subscriber-number-1@newsletter.example.com"));
    assertThat(users.getJsonObject(4999).getString("id")).isEqualTo("5000");
    assertThat(served.get()).isEqualTo(50);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void emailsNeedingJsonEscapesArriveIntact() {
    String[] emails = {"quote\"d@example.com", "back\\slash@example.com", "tab\there@example.com",
        "newline\n@example.com", "unicodé-例え@example.jp", "control\u0001@example.com",
        "</script>@example.com"};
    vertx.eventBus().<JsonObject>consumer(STREAM, message -> {
      JsonArray rows = new JsonArray();
      for (int i = 0; i < emails.length; i++) {
        rows.add(new JsonObject().put("id", (long) i + 1).put("email", emails[i]));
      }
      rows.add(new JsonObject().put("id", 99L).putNull("email"));
      message.reply(new JsonObject().put(Fields.ROWS, rows).put(Fields.DONE, true));
    });

    JsonArray users = fetch().body().toJsonObject().getJsonArray("users");

    assertThat(users).hasSize(emails.length + 1);
    for (int i = 0; i < emails.length; i++) {
      assertThat(users.getJsonObject(i).getString("email")).isEqualTo(emails[i]);
      assertThat(users.getJsonObject(i).getString("id")).isEqualTo(String.valueOf(i + 1));
    }
    assertThat(users.getJsonObject(emails.length).getValue("email")).isNull();
  }

  @Test
  void aClientThatStopsReadingStopsTheStream() {
    int batches = 400;
    int rows = 1000;
    AtomicInteger served = new AtomicInteger();
    long[] lastRequest = {System.nanoTime()};
    vertx.eventBus().<JsonObject>consumer(STREAM, message -> {
      lastRequest[0] = System.nanoTime();
      int n = served.getAndIncrement();
      message.reply(batch(n * rows + 1, rows, n == batches - 1));
    });

    // The client takes the head and then reads nothing: 400 batches are about 28 MB, far more
    // than the socket buffers between the two hold.
    HttpClientResponse response = ApiServer.await(send().map(started -> started.pause()));
    int whileStalled = ApiServer.await(quiet(lastRequest, served));
    Future<Buffer> body = response.body();
    response.resume();
    JsonArray users = ApiServer.await(body).toJsonObject().getJsonArray("users");

    assertThat(whileStalled).isLessThan(batches / 2);
    assertThat(users).hasSize(batches * rows);
    assertThat(served.get()).isEqualTo(batches);
  }

  /** Completes with the batch count once the stream has not been asked for a while. */
  private Future<Integer> quiet(long[] lastRequest, AtomicInteger served) {
    Promise<Integer> quiet = Promise.promise();
    vertx.setPeriodic(100, id -> {
      if (System.nanoTime() - lastRequest[0] > 500_000_000L) {
        vertx.cancelTimer(id);
        quiet.complete(served.get());
      }
    });
    return quiet.future();
  }

  @Test
  void emptySegmentIsAnEmptyList() {
    vertx.eventBus().<JsonObject>consumer(STREAM, message -> message.reply(batch(1, 0, true)));

    assertThat(fetch().body().toJsonObject()).isEqualTo(
        new JsonObject().put("status", "ok").put("users", new JsonArray()));
  }

  @Test
  void failureBeforeTheFirstBatchIsAJsonError() {
    vertx.eventBus().<JsonObject>consumer(STREAM, message ->
        message.fail(FailureCode.TIMEOUT.code(), "statement timeout"));

    Answer answer = fetch();
    JsonObject body = answer.body().toJsonObject();

    assertThat(answer.response().statusCode()).isEqualTo(503);
    assertThat(body.getString("code")).isEqualTo("timeout");
    assertThat(body.getString("message")).doesNotContain("statement");
  }

  @Test
  void failureAfterTheHeadResetsTheConnection() {
    AtomicInteger served = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(STREAM, message -> {
      if (served.getAndIncrement() == 0) {
        message.reply(batch(1, 10, false));
      } else {
        message.fail(FailureCode.INTERNAL.code(), "cursor lost");
      }
    });

    assertThatThrownBy(this::fetch).isInstanceOf(IllegalStateException.class);
    assertThat(served.get()).isEqualTo(2);
  }

  @Test
  void clientLeavingMidStreamClosesTheStream() {
    Promise<JsonObject> closed = Promise.promise();
    AtomicInteger served = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(STREAM, (Message<JsonObject> message) -> {
      if (message.body().getBoolean(Fields.CLOSE, false)) {
        closed.tryComplete(message.body());
        message.reply(batch(1, 0, true));
        return;
      }
      int n = served.getAndIncrement();
      message.reply(batch(n * 1000 + 1, 1000, false));
    });

    // Take the first chunk, then hang up.
    HttpClientResponse response = ApiServer.await(send().compose(started -> {
      Promise<HttpClientResponse> firstChunk = Promise.promise();
      started.handler(chunk -> firstChunk.tryComplete(started));
      return firstChunk.future();
    }));
    ApiServer.await(response.request().connection().close());

    assertThat(ApiServer.await(closed.future()).getBoolean(Fields.CLOSE)).isTrue();
  }
}
