package press.crm.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import press.crm.segments.config.AppConfig;
import press.crm.segments.testing.TestDatabase;
import press.crm.segments.testing.TestConfig;

@ExtendWith(VertxExtension.class)
class ServerSmokeTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static Server server;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    vertx = ServerVertx.create();
    server = Server.start(vertx, AppConfig.from(TestConfig.forDatabase(db)))
        .toCompletionStage().toCompletableFuture().get();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
    db.close();
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(server.httpPort(), "localhost", path).send()
        .toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void healthAnswersOkWhileTheProcessIsUp() throws Exception {
    HttpResponse<Buffer> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ok");
  }

  @Test
  void readyOnceTheDatabaseIsReachableAndMigrated() throws Exception {
    HttpResponse<Buffer> response = get("/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(db.queryLong("SELECT count(*) FROM segments.flyway_schema_history WHERE success"))
        .isGreaterThan(0);
  }

  @Test
  void metricsAreServedInPrometheusText() throws Exception {
    get("/health");

    HttpResponse<Buffer> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("# TYPE").contains("vertx_http_server");
  }

  @Test
  void unknownRouteIsAJsonNotFound() throws Exception {
    // Under /api/v1 the token is checked first (see AuthTest); elsewhere no token is involved.
    HttpResponse<Buffer> response = get("/no-such-thing");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("code")).isEqualTo("not_found");
  }
}
