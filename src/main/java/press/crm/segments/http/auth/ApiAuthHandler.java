package press.crm.segments.http.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import press.crm.segments.http.ApiErrors;

/**
 * Authenticates every /api/v1 request with its bearer token and authorizes it by endpoint name
 * (the path after /api/v1/) against the token's scope. The order of answers is: 401 for a
 * missing, malformed, expired, badly signed or revoked token, or one without exp; then 404/405
 * from the router for an unknown path or method; 403 when the path is served but not in the
 * scope.
 */
public final class ApiAuthHandler implements Handler<RoutingContext> {

  private static final String BEARER = "Bearer ";

  private final JWTAuth jwt;
  private final RevokedTokens revoked;
  private final Router api;
  private final String base;
  private final VerifiedTokens verified = new VerifiedTokens();

  /**
   * @param api the router whose routes define which paths exist
   * @param base the path the router is mounted on, like /api/v1
   */
  public ApiAuthHandler(JWTAuth jwt, RevokedTokens revoked, Router api, String base) {
    this.jwt = jwt;
    this.revoked = revoked;
    this.api = api;
    this.base = base;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      unauthorized(ctx, false, "A bearer token is required");
      return;
    }
    String token = header.substring(BEARER.length()).trim();
    if (token.isEmpty()) {
      unauthorized(ctx, true, "The bearer token is empty");
      return;
    }
    User known = verified.get(token, System.currentTimeMillis() / 1000);
    if (known != null) {
      authorize(ctx, known);
      return;
    }
    jwt.authenticate(new TokenCredentials(token)).onComplete(result -> {
      if (result.failed()) {
        unauthorized(ctx, true, "The token is invalid or expired");
      } else {
        verified.put(token, result.result());
        authorize(ctx, result.result());
      }
    });
  }

  private void authorize(RoutingContext ctx, User user) {
    // A token without exp would be valid forever; only revocation could stop it.
    if (!(user.get("exp") instanceof Number)) {
      unauthorized(ctx, true, "The token has no expiry (exp)");
      return;
    }
    if (revoked.contains(user.principal().getString("jti"))) {
      unauthorized(ctx, true, "The token has been revoked");
      return;
    }
    String endpoint = endpoint(ctx);
    if (isServed(endpoint) && !Scopes.of(user.principal().getValue("scope")).allows(endpoint)) {
      ApiErrors.send(ctx, 403, "forbidden",
          "The token's scope does not include the endpoint " + endpoint);
      return;
    }
    ctx.next();
  }

  /** The path relative to the API base without surrounding slashes, e.g. segments/show. */
  private String endpoint(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String relative = path.startsWith(base) ? path.substring(base.length()) : path;
    int start = 0;
    int end = relative.length();
    while (start < end && relative.charAt(start) == '/') {
      start++;
    }
    while (end > start && relative.charAt(end - 1) == '/') {
      end--;
    }
    return relative.substring(start, end);
  }

  /** Unknown paths go on to the router's 404 rather than a misleading 403. */
  private boolean isServed(String endpoint) {
    String path = "/" + endpoint;
    for (Route route : api.getRoutes()) {
      if (path.equals(route.getPath())) {
        return true;
      }
    }
    return false;
  }

  private static void unauthorized(RoutingContext ctx, boolean tokenGiven, String message) {
    // RFC 6750 section 3: name the error only when a token was presented.
    String challenge = tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer";
    ctx.response().putHeader("WWW-Authenticate", challenge);
    ApiErrors.send(ctx, 401, "unauthorized", message);
  }
}
