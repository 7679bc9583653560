package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.TestDatabase;

/**
 * The auth matrix for every operation in /openapi.yaml (which OpenApiTest keeps equal to the
 * router): no token, bad signature and expired are 401; another endpoint's scope is 403; the
 * exact scope, the group wildcard and admin get through to the endpoint itself.
 */
class AuthMatrixTest {

  private static TestDatabase db;
  private static ApiServer server;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    server = ApiServer.start(db);
  }

  @AfterAll
  static void stop() {
    server.close();
    db.close();
  }

  @SuppressWarnings("unchecked")
  static List<Arguments> operations() {
    try (InputStream in = AuthMatrixTest.class.getClassLoader()
        .getResourceAsStream(ServiceRoutes.OPENAPI_RESOURCE)) {
      Map<String, Object> document = new Yaml().load(in);
      Map<String, Map<String, Object>> paths =
          (Map<String, Map<String, Object>>) document.get("paths");
      List<Arguments> operations = new ArrayList<>();
      paths.forEach((path, item) -> {
        if (path.startsWith(ApiRoutes.BASE + "/")) {
          String endpoint = path.substring(ApiRoutes.BASE.length() + 1);
          item.keySet().stream().filter(m -> !m.equals("parameters")).forEach(method ->
              operations.add(Arguments.of(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                  endpoint)));
        }
      });
      return operations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String endpoint, String token) {
    // No parameters or body: past auth, every endpoint answers 400 or 404 on its own.
    return server.send(method, endpoint, token, null);
  }

  private static void assertUnauthorized(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("unauthorized");
  }

  private static void assertPassedAuth(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString())
        .isBetween(200, 499).isNotIn(401, 403);
    assertThat(response.getHeader("Content-Type")).isEqualTo(ApiErrors.JSON);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  void everyEndpointRefusesMissingForgedAndExpiredTokens(HttpMethod method, String endpoint) {
    long now = System.currentTimeMillis() / 1000;
    String expired = server.signed(new JsonObject().put("scope", "admin").put("exp", now - 1));
    String valid = server.token("admin");
    String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "bm90LXRoZS1zaWduYXR1cmU";

    assertUnauthorized(call(method, endpoint, null));
    assertUnauthorized(call(method, endpoint, expired));
    assertUnauthorized(call(method, endpoint, forged));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  void everyEndpointChecksTheScope(HttpMethod method, String endpoint) {
    String group = endpoint.substring(0, endpoint.indexOf('/'));
    String otherGroup = group.equals("segments") ? "user-segments/*" : "segments/*";

    HttpResponse<Buffer> forbidden = call(method, endpoint, server.token(otherGroup));

    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.bodyAsJsonObject().getString("code")).isEqualTo("forbidden");
    assertPassedAuth(call(method, endpoint, server.token(endpoint)));
    assertPassedAuth(call(method, endpoint, server.token(group + "/*")));
    assertPassedAuth(call(method, endpoint, server.token("admin")));
  }
}
