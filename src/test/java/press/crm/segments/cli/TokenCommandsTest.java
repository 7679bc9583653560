package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** `token` mints tokens the server accepts; `revoke` makes a running server refuse them. */
class TokenCommandsTest {

  private static TestDatabase db;
  private static ApiServer server;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

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

  @AfterEach
  void clearProperties() {
    System.clearProperty("segments.database.url");
    System.clearProperty("segments.auth.jwt.secret");
    System.clearProperty("segments.auth.jwt.public_keys");
  }

  private int run(String... args) {
    // The commands read configuration like the real process: system properties win.
    System.setProperty("segments.database.url", db.url());
    if (System.getProperty("segments.auth.jwt.public_keys") == null) {
      System.setProperty("segments.auth.jwt.secret", TestConfig.JWT_SECRET);
    }
    CommandLine cli = SegmentsCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static JsonObject claims(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
  }

  @Test
  void mintedTokenCarriesTheRequestedClaimsAndIsAccepted() {
    int exit = run("token", "--subject", "mailer", "--scope", "segments/groups",
        "--ttl", "12h", "--jti", "mailer-1");
    String token = out.toString().trim();

    assertThat(exit).isZero();
    JsonObject claims = claims(token);
    assertThat(claims.getString("sub")).isEqualTo("mailer");
    assertThat(claims.getString("scope")).isEqualTo("segments/groups");
    assertThat(claims.getString("jti")).isEqualTo("mailer-1");
    assertThat(claims.getString("iss")).isEqualTo("crm-segments");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(12 * 3600);
    assertThat(server.get("segments/groups", token).statusCode()).isEqualTo(200);
    assertThat(server.get("segments/list", token).statusCode()).isEqualTo(403);
  }

  @Test
  void tokenWithoutJtiGetsARandomOne() {
    run("token", "--subject", "campaign", "--scope", "user-segments/*");

    JsonObject claims = claims(out.toString().trim());
    assertThat(claims.getString("jti")).matches("[0-9a-f-]{36}");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(30 * 86400);
  }

  @Test
  void revokedTokenIsRefusedByEveryRunningInstance() {
    run("token", "--subject", "leaked", "--scope", "admin", "--jti", "leaked-1");
    String token = out.toString().trim();
    try (ApiServer second = ApiServer.start(db)) {
      assertThat(server.get("segments/groups", token).statusCode()).isEqualTo(200);
      assertThat(second.get("segments/groups", token).statusCode()).isEqualTo(200);

      int exit = run("revoke", "--jti", "leaked-1");

      assertThat(exit).isZero();
      assertThat(out.toString()).contains("Revoked token leaked-1");
      assertThat(db.queryLong("SELECT count(*) FROM segments.revoked_tokens"
          + " WHERE jti = 'leaked-1'")).isEqualTo(1);
      assertThat(statusOnceSettled(server, token)).isEqualTo(401);
      assertThat(statusOnceSettled(second, token)).isEqualTo(401);
    }
  }

  /** Asks until the answer is 401, a bounded number of times (each a full round trip). */
  private static int statusOnceSettled(ApiServer instance, String token) {
    int status = 0;
    for (int i = 0; i < 200 && status != 401; i++) {
      status = instance.get("segments/groups", token).statusCode();
    }
    return status;
  }

  @Test
  void revokingTwiceIsHarmless() {
    assertThat(run("revoke", "--jti", "twice")).isZero();
    assertThat(run("revoke", "--jti", "twice")).isZero();

    assertThat(db.queryLong("SELECT count(*) FROM segments.revoked_tokens WHERE jti = 'twice'"))
        .isEqualTo(1);
  }

  @Test
  void badLifetimeIsAUsageError() {
    int exit = run("token", "--subject", "x", "--scope", "admin", "--ttl", "forever");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("forever");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingScopeIsAUsageError() {
    assertThat(run("token", "--subject", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--scope");
  }

  @Test
  void mintingWithOnlyPublicKeysSaysTheSecretIsNeeded() {
    System.setProperty("segments.auth.jwt.public_keys",
        "[{\"algorithm\": \"RS256\", \"pem\": \"-----BEGIN PUBLIC KEY-----\"}]");

    int exit = run("token", "--subject", "x", "--scope", "admin");

    assertThat(exit).isEqualTo(TokenCommand.NO_SECRET);
    assertThat(err.toString()).contains("HS256 secret");
    assertThat(out.toString()).isEmpty();
  }
}
