package press.crm.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.config.AppConfig;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TcpProxy;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** PostgreSQL goes away and comes back: the server stays up, answers 503 fast, then recovers. */
class DatabaseOutageTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static TcpProxy proxy;
  private static Server server;
  private static WebClient client;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    PgConnectOptions target = PgConnectOptions.fromUri(db.url());
    proxy = new TcpProxy(vertx, target.getHost(), target.getPort());
    int port = Await.result(proxy.start(0));
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("database").put("url", "postgresql://" + target.getUser() + "@127.0.0.1:"
        + port + "/" + target.getDatabase());
    server = Await.result(Server.start(vertx, AppConfig.from(config)));
    DemoTables.create(db, 10);
    DemoTables.segment(db, "everyone", "users", "SELECT %fields% FROM %table% WHERE %where%");
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static int ready() {
    HttpResponse<Buffer> response = Await.result(
        client.get(server.managementPort(), "localhost", "/ready").send());
    return response.statusCode();
  }

  private static Future<JsonObject> count() {
    return vertx.eventBus().<JsonObject>request(BusContract.COUNT,
        new JsonObject().put("code", "everyone")).map(reply -> reply.body());
  }

  /** Polls until the server answers ready again, for at most a minute. */
  private static boolean becomesReady() {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      if (ready() == 200) {
        return true;
      }
      Await.result(Future.future(promise -> vertx.setTimer(100, id -> promise.complete())));
    }
    return false;
  }

  @Test
  void duringAnOutageTheServerAnswers503QuicklyAndRecoversWhenTheDatabaseReturns() {
    assertThat(ready()).isEqualTo(200);
    assertThat(Await.result(count()).getLong("count")).isEqualTo(10);

    Await.result(proxy.cut());
    int duringOutage = ready();
    Throwable countFailure = Await.failure(count());

    assertThat(duringOutage).isEqualTo(503);
    assertThat(FailureCode.of(countFailure)).isEqualTo(FailureCode.DATABASE_UNAVAILABLE);
    HttpResponse<Buffer> health = Await.result(
        client.get(server.managementPort(), "localhost", "/health").send());
    assertThat(health.statusCode()).isEqualTo(200);

    Await.result(proxy.start(proxy.port()));

    assertThat(becomesReady()).isTrue();
    assertThat(Await.result(count()).getLong("count")).isEqualTo(10);
  }
}
