package press.crm.segments.http.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import press.crm.segments.config.AuthOptions;

/** Builds the vertx-auth-jwt provider that verifies (and, with a secret, signs) tokens. */
public final class TokenKeys {

  public static final String HS256 = "HS256";

  private TokenKeys() {
  }

  /**
   * A provider that accepts HS256 tokens signed with the secret and RS256/ES256 tokens signed
   * by a configured key; {@code exp} and {@code nbf} are always checked, {@code iss} and
   * {@code aud} when configured.
   */
  public static JWTAuth provider(Vertx vertx, AuthOptions options) {
    JWTOptions checks = new JWTOptions().setLeeway(0).setIgnoreExpiration(false);
    if (options.issuer() != null) {
      checks.setIssuer(options.issuer());
    }
    if (options.audience() != null) {
      checks.addAudience(options.audience());
    }
    JWTAuthOptions jwt = new JWTAuthOptions().setJWTOptions(checks);
    if (options.secret() != null) {
      jwt.addPubSecKey(new PubSecKeyOptions().setAlgorithm(HS256).setBuffer(options.secret()));
    }
    for (AuthOptions.PublicKey key : options.publicKeys()) {
      jwt.addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setBuffer(key.pem()));
    }
    return JWTAuth.create(vertx, jwt);
  }
}
