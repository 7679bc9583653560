package press.crm.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** With http.management_port set, the service endpoints move there and off the API port. */
class ManagementPortTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static Server server;
  private static WebClient client;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("http").put("management_port", 0);
    vertx = ServerVertx.create();
    server = Await.result(Server.start(vertx, AppConfig.from(config)));
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static HttpResponse<Buffer> get(int port, String path) {
    return Await.result(client.get(port, "localhost", path).send());
  }

  @Test
  void serviceEndpointsAnswerOnTheManagementPortOnly() {
    assertThat(server.managementPort()).isNotEqualTo(server.httpPort());
    assertThat(get(server.managementPort(), "/health").statusCode()).isEqualTo(200);
    assertThat(get(server.managementPort(), "/ready").statusCode()).isEqualTo(200);
    assertThat(get(server.managementPort(), "/metrics").bodyAsString()).contains("# TYPE");

    HttpResponse<Buffer> onApiPort = get(server.httpPort(), "/health");

    assertThat(onApiPort.statusCode()).isEqualTo(404);
    assertThat(onApiPort.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  void unknownPathsOnTheManagementPortGetTheJsonErrorShape() {
    HttpResponse<Buffer> response = get(server.managementPort(), "/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
  }
}
