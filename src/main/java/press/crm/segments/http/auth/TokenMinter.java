package press.crm.segments.http.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.Objects;
import press.crm.segments.config.AuthOptions;

/** Signs HS256 bearer tokens with the configured secret, as the {@code token} command does. */
public final class TokenMinter {

  private final JWTAuth jwt;
  private final AuthOptions options;

  /**
   * @throws IllegalStateException when no HS256 secret is configured (public keys only verify)
   */
  public TokenMinter(Vertx vertx, AuthOptions options) {
    if (options.secret() == null) {
      throw new IllegalStateException("Minting tokens needs the HS256 secret (auth.jwt.secret or"
          + " SEGMENTS_JWT_SECRET); only public keys are configured, and they cannot sign."
          + " Sign tokens with the matching private key instead.");
    }
    // Only the secret signs; public keys are for verifying tokens signed elsewhere.
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm(TokenKeys.HS256).setBuffer(options.secret())));
    this.options = options;
  }

  /** A token with sub, scope, jti, iat, exp, iss and (when configured) aud. */
  public String mint(String subject, String scope, Duration ttl, String jti) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(jti, "jti");
    JWTOptions signing = new JWTOptions()
        .setAlgorithm(TokenKeys.HS256)
        .setSubject(subject)
        .setIssuer(options.tokenIssuer())
        .setExpiresInSeconds(Math.toIntExact(ttl.toSeconds()));
    if (options.audience() != null) {
      signing.addAudience(options.audience());
    }
    return jwt.generateToken(new JsonObject().put("scope", scope).put("jti", jti), signing);
  }
}
