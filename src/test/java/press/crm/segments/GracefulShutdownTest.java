package press.crm.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.TokenMinter;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** Stopping the server lets a response in flight finish, then refuses new connections. */
class GracefulShutdownTest {

  private static final int USERS = 30_000;

  private static TestDatabase db;
  private static Vertx vertx;
  private static Vertx clientVertx;
  private static Server server;
  private static String token;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("http").put("shutdown_grace_seconds", 30);
    config.getJsonObject("evaluation").put("stream_batch_size", 200);
    vertx = Vertx.vertx();
    clientVertx = Vertx.vertx();
    AppConfig app = AppConfig.from(config);
    server = Await.result(Server.start(vertx, app));
    DemoTables.create(db, USERS);
    DemoTables.segment(db, "everyone", "users", "SELECT %fields% FROM %table% WHERE %where%");
    token = new TokenMinter(vertx, app.auth())
        .mint("tests", "admin", Duration.ofHours(1), UUID.randomUUID().toString());
  }

  @AfterAll
  static void stop() {
    Await.result(clientVertx.close());
    Await.result(vertx.close());
    db.close();
  }

  /** A response whose body is being collected, paused until the test lets it flow. */
  private record InFlight(HttpClientResponse response, Future<Buffer> body) {
  }

  @Test
  void aMemberStreamInFlightCompletesWhileTheServerStops() {
    HttpClient client = clientVertx.createHttpClient();
    // Pause and attach the body collector on the client's event loop, before any chunk lands.
    InFlight inFlight = Await.result(client.request(new RequestOptions()
            .setMethod(HttpMethod.GET).setHost("localhost").setPort(server.httpPort())
            .setURI("/api/v1/user-segments/users?code=everyone")
            .putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send())
        .map(response -> new InFlight(response.pause(), response.body())));

    Future<Void> stopped = server.stop();
    inFlight.response().resume();

    JsonObject users = Await.result(inFlight.body()).toJsonObject();
    HttpClientResponse response = inFlight.response();
    Await.result(stopped);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(users.getJsonArray("users")).hasSize(USERS);
    Throwable refused = Await.failure(client.request(HttpMethod.GET, server.httpPort(),
        "localhost", "/health").compose(request -> request.send()));
    assertThat(refused).hasMessageContaining("onnection refused");
  }
}
