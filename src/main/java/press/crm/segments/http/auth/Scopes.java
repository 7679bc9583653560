package press.crm.segments.http.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The endpoints a token may call, from its space-separated {@code scope} claim: exact endpoint
 * names ({@code user-segments/check}), group wildcards ({@code user-segments/*}) or
 * {@code admin}.
 */
public final class Scopes {

  public static final String ADMIN = "admin";
  private static final String WILDCARD = "/*";

  private final Set<String> granted;

  private Scopes(Set<String> granted) {
    this.granted = granted;
  }

  /** Reads the claim; a missing or non-text claim grants nothing. */
  public static Scopes of(Object claim) {
    if (!(claim instanceof String text) || text.isBlank()) {
      return new Scopes(Set.of());
    }
    return new Scopes(Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toSet()));
  }

  /** Whether {@code endpoint} (a path relative to /api/v1, like user-segments/check) is allowed. */
  public boolean allows(String endpoint) {
    if (granted.contains(ADMIN) || granted.contains(endpoint)) {
      return true;
    }
    int slash = endpoint.indexOf('/');
    return slash > 0 && granted.contains(endpoint.substring(0, slash) + WILDCARD);
  }
}
