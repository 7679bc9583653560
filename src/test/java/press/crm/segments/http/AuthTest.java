package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** The auth matrix: 401 versus 403, signatures, expiry, scopes, wildcards, admin, revocation. */
class AuthTest {

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

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static void assertUnauthorized(HttpResponse<Buffer> response, String challenge) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo(challenge);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("code")).isEqualTo("unauthorized");
    assertThat(body.getString("message")).isNotBlank();
  }

  private static final String INVALID = "Bearer error=\"invalid_token\"";

  @Test
  void requestWithoutTokenIsUnauthorizedWithABareBearerChallenge() {
    assertUnauthorized(server.get("segments/groups", null), "Bearer");
  }

  @Test
  void basicCredentialsAreNotABearerToken() {
    HttpResponse<Buffer> response = ApiServer.await(WebClient.create(server.vertx())
            .get(server.port(), "localhost", "/api/v1/segments/groups")
            .basicAuthentication("admin", "admin").send());

    assertUnauthorized(response, "Bearer");
  }

  @Test
  void garbageTokenIsAnInvalidToken() {
    assertUnauthorized(server.get("segments/groups", "not.a.jwt"), INVALID);
    assertUnauthorized(server.get("segments/groups", "' OR 1=1 --"), INVALID);
  }

  @Test
  void tokenSignedWithAnotherSecretIsRejected() {
    JWTAuth other = JWTAuth.create(server.vertx(), new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("another-secret-of-enough-length")));
    String token = other.generateToken(new JsonObject().put("scope", "admin"),
        new JWTOptions().setExpiresInMinutes(5));

    assertUnauthorized(server.get("segments/groups", token), INVALID);
  }

  @Test
  void unsignedTokenWithAlgorithmNoneIsRejected() {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String claims = url.encodeToString(new JsonObject().put("scope", "admin")
        .put("exp", now() + 600).encode().getBytes());

    assertUnauthorized(server.get("segments/groups", header + "." + claims + "."), INVALID);
  }

  @Test
  void expiredTokenIsRejected() {
    String token = server.signed(new JsonObject().put("scope", "admin").put("exp", now() - 10));

    assertUnauthorized(server.get("segments/groups", token), INVALID);
  }

  @Test
  void tokenWithoutExpiryIsRejected() {
    String token = server.signed(new JsonObject().put("scope", "admin"));

    assertUnauthorized(server.get("segments/groups", token), INVALID);
    assertThat(server.get("segments/groups", token).bodyAsJsonObject().getString("message"))
        .contains("exp");
  }

  @Test
  void tokenNotYetValidIsRejected() {
    String token = server.signed(new JsonObject().put("scope", "admin")
        .put("nbf", now() + 3600).put("exp", now() + 7200));

    assertUnauthorized(server.get("segments/groups", token), INVALID);
  }

  @Test
  void tokenWithoutTheEndpointInItsScopeIsForbidden() {
    HttpResponse<Buffer> response =
        server.get("segments/groups", server.token("user-segments/check segments/list"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.getHeader("WWW-Authenticate")).isNull();
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("forbidden");
    assertThat(response.bodyAsJsonObject().getString("message")).contains("segments/groups");
  }

  @Test
  void tokenWithoutScopeClaimIsForbidden() {
    String noScope = server.signed(new JsonObject().put("exp", now() + 600));
    String numericScope = server.signed(new JsonObject().put("scope", 42).put("exp", now() + 600));

    assertThat(server.get("segments/groups", noScope).statusCode()).isEqualTo(403);
    assertThat(server.get("segments/groups", numericScope).statusCode()).isEqualTo(403);
  }

  @Test
  void exactScopeWildcardAndAdminAreAllowed() {
    assertThat(server.get("segments/groups", server.token("segments/groups")).statusCode())
        .isEqualTo(200);
    assertThat(server.get("segments/groups", server.token("segments/*")).statusCode())
        .isEqualTo(200);
    assertThat(server.get("segments/groups", server.token("admin")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void wildcardOfAnotherGroupDoesNotCoverTheEndpoint() {
    assertThat(server.get("segments/groups", server.token("user-segments/*")).statusCode())
        .isEqualTo(403);
    assertThat(server.get("segments/groups", server.token("segments")).statusCode())
        .isEqualTo(403);
    assertThat(server.get("segments/groups", server.token("*")).statusCode()).isEqualTo(403);
  }

  @Test
  void unknownPathIsUnauthorizedWithoutTokenAndNotFoundWithOne() {
    assertUnauthorized(server.get("no/such/endpoint", null), "Bearer");

    HttpResponse<Buffer> response = server.get("no/such/endpoint", server.token("segments/list"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  void wrongMethodOnAServedPathIsMethodNotAllowed() {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.PUT, "segments/groups", server.token("admin"), null);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("method_not_allowed");
  }

  @Test
  void revokedTokenIsRefusedWithoutARestart() throws Exception {
    String jti = UUID.randomUUID().toString();
    String token = server.signed(new JsonObject().put("scope", "admin").put("jti", jti)
        .put("exp", now() + 600));
    assertThat(server.get("segments/groups", token).statusCode()).isEqualTo(200);

    db.execute("INSERT INTO segments.revoked_tokens (jti) VALUES ('" + jti + "');"
        + " SELECT pg_notify('segments_token_revoked', '" + jti + "')");

    HttpResponse<Buffer> response = Eventually.status(() -> server.get("segments/groups", token),
        401);
    assertUnauthorized(response, INVALID);
    assertThat(response.bodyAsJsonObject().getString("message")).contains("revoked");
    assertThat(server.get("segments/groups", server.token("admin")).statusCode()).isEqualTo(200);
  }

  @Test
  void issuerAndAudienceAreEnforcedWhenConfigured() {
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("auth").getJsonObject("jwt").put("issuer", "crm").put("audience", "api");
    try (ApiServer strict = ApiServer.start(config)) {
      String right = strict.signed(new JsonObject().put("scope", "admin").put("iss", "crm")
          .put("aud", "api").put("exp", now() + 600));
      String wrongIssuer = strict.signed(new JsonObject().put("scope", "admin").put("iss", "x")
          .put("aud", "api").put("exp", now() + 600));
      String noAudience = strict.signed(new JsonObject().put("scope", "admin").put("iss", "crm")
          .put("exp", now() + 600));

      assertThat(strict.get("segments/groups", right).statusCode()).isEqualTo(200);
      assertUnauthorized(strict.get("segments/groups", wrongIssuer), INVALID);
      assertUnauthorized(strict.get("segments/groups", noAudience), INVALID);
    }
  }

  @Test
  void rs256TokensVerifyAgainstAConfiguredPublicKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    JsonObject config = TestConfig.forDatabase(db);
    JsonObject key = new JsonObject().put("algorithm", "RS256")
        .put("pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    config.getJsonObject("auth").getJsonObject("jwt").put("secret", null)
        .put("public_keys", new JsonArray().add(key));
    try (ApiServer rsa = ApiServer.start(config)) {
      JWTAuth signer = JWTAuth.create(rsa.vertx(), new JWTAuthOptions().addPubSecKey(
          new PubSecKeyOptions().setAlgorithm("RS256")
              .setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))));
      String token = signer.generateToken(new JsonObject().put("scope", "segments/groups"),
          new JWTOptions().setAlgorithm("RS256").setExpiresInMinutes(5));

      assertThat(rsa.get("segments/groups", token).statusCode()).isEqualTo(200);
      assertUnauthorized(rsa.get("segments/groups", server.token("admin")), INVALID);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
