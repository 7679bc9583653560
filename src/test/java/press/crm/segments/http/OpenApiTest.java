package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;
import press.crm.segments.http.auth.RevocationStore;
import press.crm.segments.http.auth.RevokedTokens;
import press.crm.segments.segment.SchemaTables;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** /openapi.yaml describes exactly the routes the server serves, and is served without a token. */
class OpenApiTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  private static TestDatabase db;
  private static ApiServer server;
  private static Map<String, Map<String, Object>> paths;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() throws Exception {
    db = TestDatabase.create();
    server = ApiServer.start(db);
    try (InputStream in = OpenApiTest.class.getClassLoader()
        .getResourceAsStream(ServiceRoutes.OPENAPI_RESOURCE)) {
      Map<String, Object> document = new Yaml().load(in);
      paths = (Map<String, Map<String, Object>>) document.get("paths");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    db.close();
  }

  @Test
  void everyServedRouteIsDocumentedAndNothingElse() {
    Vertx vertx = server.vertx();
    AppConfig config = AppConfig.from(TestConfig.forDatabase(db));
    Pool pool = Database.pool(vertx, config.database(), "openapi-test");
    SchemaTables tables = new SchemaTables(config.database().schema());
    RevokedTokens revoked = new RevokedTokens(vertx, pool, new RevocationStore(tables), config);
    Router api = ApiRoutes.api(vertx, config, pool, revoked);
    Router service = Router.router(vertx);
    new ServiceRoutes(vertx, pool, tables, 0).mount(service);

    Set<String> served = new TreeSet<>();
    served.addAll(routes(api, ApiRoutes.BASE));
    served.addAll(routes(service, ""));

    assertThat(documented()).isEqualTo(served);
    ApiServer.await(pool.close());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyApiOperationDocumentsUnauthorizedAndForbidden() {
    paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
      if (path.startsWith(ApiRoutes.BASE) && METHODS.contains(method)) {
        Map<Object, Object> responses =
            (Map<Object, Object>) ((Map<String, Object>) operation).get("responses");
        assertThat(responses.keySet()).as(method + " " + path).contains("200", "401", "403");
      }
    }));
  }

  @Test
  void documentIsServedWithoutAToken() {
    HttpResponse<Buffer> response = server.get("/openapi.yaml", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    Map<String, Object> document = new Yaml().load(response.bodyAsString());
    assertThat(document.get("openapi")).isEqualTo("3.1.0");
  }

  private static Set<String> routes(Router router, String prefix) {
    Set<String> routes = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        routes.add(method.name() + " " + prefix + route.getPath());
      }
    }
    return routes;
  }

  private static Set<String> documented() {
    Set<String> operations = new TreeSet<>();
    paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
        .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
    return operations;
  }
}
