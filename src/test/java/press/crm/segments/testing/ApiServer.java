package press.crm.segments.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import press.crm.segments.Server;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.TokenKeys;
import press.crm.segments.http.auth.TokenMinter;

/** A running server on a test database, with a client and a way to mint tokens for it. */
public final class ApiServer implements AutoCloseable {

  public static final String BASE = "/api/v1/";

  private final Vertx vertx;
  private final Server server;
  private final WebClient client;
  private final AppConfig config;

  private ApiServer(Vertx vertx, Server server, AppConfig config) {
    this.vertx = vertx;
    this.server = server;
    this.config = config;
    this.client = WebClient.create(vertx);
  }

  public static ApiServer start(JsonObject json) {
    Vertx vertx = ServerVertx.create();
    AppConfig config = AppConfig.from(json);
    return new ApiServer(vertx, await(Server.start(vertx, config)), config);
  }

  public static ApiServer start(TestDatabase db) {
    return start(TestConfig.forDatabase(db));
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return server.httpPort();
  }

  public AppConfig config() {
    return config;
  }

  /** A valid token for one hour with this scope. */
  public String token(String scope) {
    return new TokenMinter(vertx, config.auth())
        .mint("tests", scope, Duration.ofHours(1), UUID.randomUUID().toString());
  }

  /** A token with exactly these claims, signed with the test secret. */
  public String signed(JsonObject claims) {
    return jwt().generateToken(claims,
        new JWTOptions().setAlgorithm(TokenKeys.HS256).setNoTimestamp(true));
  }

  private JWTAuth jwt() {
    return TokenKeys.provider(vertx, config.auth());
  }

  /** GET of a path relative to /api/v1/ (query included), with a bearer token or none. */
  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, Object body) {
    return send(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return send(HttpMethod.DELETE, path, token, null);
  }

  /** Any request; {@code body} is a JsonObject, a Buffer, a String or null. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    String uri = path.startsWith("/") ? path : BASE + path;
    HttpRequest<Buffer> request = client.request(method, port(), "localhost", uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (body == null) {
      return await(request.send());
    }
    request.putHeader("Content-Type", "application/json");
    Buffer buffer = body instanceof Buffer b ? b
        : body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(body.toString());
    return await(request.sendBuffer(buffer));
  }

  /** Waits for a future from a test thread (never an event loop). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(server.stop().compose(ignored -> vertx.close()));
  }
}
