package press.crm.segments.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How bearer tokens are verified and minted. */
public record AuthOptions(
    String secret,
    List<PublicKey> publicKeys,
    String issuer,
    String audience,
    String tokenIssuer,
    int revocationReloadSeconds) {

  /** A PEM public key with its JWS algorithm. */
  public record PublicKey(String algorithm, String pem) {
  }

  private static final Set<String> KEY_ALGORITHMS = Set.of("RS256", "ES256");

  /** Shortest HS256 secret accepted; shorter secrets are guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  static AuthOptions from(ConfigReader auth) {
    ConfigReader jwt = auth.section("jwt");
    String secret = jwt.optionalString("secret");
    if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
      throw new ConfigException(jwt.key("secret"),
          "must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    List<PublicKey> keys = publicKeys(jwt);
    if (secret == null && keys.isEmpty()) {
      throw new ConfigException(jwt.key("secret"),
          "no token key configured: set SEGMENTS_JWT_SECRET or auth.jwt.public_keys");
    }
    return new AuthOptions(secret, keys, jwt.optionalString("issuer"),
        jwt.optionalString("audience"), jwt.string("token_issuer"),
        auth.integer("revocation_reload_seconds", 1, 86_400));
  }

  private static List<PublicKey> publicKeys(ConfigReader jwt) {
    Object value = jwt.json().getValue("public_keys");
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      value = new JsonArray(text);
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(jwt.key("public_keys"), "must be a list");
    }
    List<PublicKey> keys = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject key)
          || !KEY_ALGORITHMS.contains(key.getString("algorithm", ""))
          || key.getString("pem", "").isBlank()) {
        throw new ConfigException(jwt.key("public_keys"),
            "each key must be {\"algorithm\": \"RS256\"|\"ES256\", \"pem\": \"...\"}");
      }
      keys.add(new PublicKey(key.getString("algorithm"), key.getString("pem")));
    }
    return List.copyOf(keys);
  }
}
