package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.criteria.CriteriaFixtures.leaf;
import static press.crm.segments.criteria.CriteriaFixtures.tree;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.Server;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.TokenMinter;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.DemoTables;
import press.crm.segments.testing.TcpProxy;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** The criteria endpoints while PostgreSQL is unreachable: 503 in the JSON shape, then back. */
class CriteriaOutageTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static TcpProxy proxy;
  private static Server server;
  private static String token;
  private static WebClient client;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    PgConnectOptions target = PgConnectOptions.fromUri(db.url());
    proxy = new TcpProxy(vertx, target.getHost(), target.getPort());
    int port = Await.result(proxy.start(0));
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("segments").put("nesting", true);
    config.getJsonObject("database").put("url", "postgresql://" + target.getUser()
        + "@127.0.0.1:" + port + "/" + target.getDatabase());
    server = Await.result(Server.start(vertx, AppConfig.from(config)));
    token = new TokenMinter(vertx, AppConfig.from(config).auth())
        .mint("tests", "admin", Duration.ofHours(1), UUID.randomUUID().toString());
    DemoTables.create(db, 10);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static HttpResponse<Buffer> blueprint() {
    return Await.result(client.get(server.httpPort(), "localhost",
        "/api/v1/segments/criteria")
        .bearerTokenAuthentication(token).send());
  }

  private static HttpResponse<Buffer> post(String endpoint) {
    JsonObject body = new JsonObject().put("table_name", "users")
        .put("criteria", tree(leaf("active", false, new JsonObject().put("active", true))));
    return Await.result(client.post(server.httpPort(), "localhost",
        "/api/v1/segments/" + endpoint)
        .bearerTokenAuthentication(token).sendJsonObject(body));
  }

  /** Polls the blueprint (which reads segment codes) until it answers 200, for a minute. */
  private static boolean recovers() {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      if (blueprint().statusCode() == 200) {
        return true;
      }
      Await.result(Future.future(promise -> vertx.setTimer(100, id -> promise.complete())));
    }
    return false;
  }

  @Test
  void withoutTheDatabaseTheEndpointsAnswer503AndRecoverAfterwards() {
    assertThat(blueprint().statusCode()).isEqualTo(200);
    assertThat(post("counts").bodyAsJsonObject().getLong("count")).isEqualTo(7);

    Await.result(proxy.cut());

    for (HttpResponse<Buffer> response : List.of(
        blueprint(), post("counts"), post("items"), post("related"))) {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
      assertThat(response.bodyAsJsonObject().getString("code"))
          .isEqualTo("database_unavailable");
    }

    Await.result(proxy.start(proxy.port()));

    assertThat(recovers()).isTrue();
    assertThat(post("counts").bodyAsJsonObject().getLong("count")).isEqualTo(7);
    assertThat(post("related").statusCode()).isEqualTo(200);
  }
}
