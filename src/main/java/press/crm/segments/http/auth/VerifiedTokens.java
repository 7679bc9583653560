package press.crm.segments.http.auth;

import io.vertx.ext.auth.User;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens this handler has already verified, so a caller that sends the same token on every
 * request (a banner server checking membership per page view) pays for the signature check
 * once. Only tokens that passed verification get in, an entry is used only until the token's
 * exp, and revocation is still checked on every request. One instance per HTTP verticle
 * instance, touched only from its event loop, so it needs no locking.
 */
final class VerifiedTokens {

  /** Enough for every distinct caller of a large deployment; the least recent go first. */
  static final int CAPACITY = 10_000;

  private final Map<String, User> users = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, User> eldest) {
      return size() > CAPACITY;
    }
  };

  /** The user of a token verified before and not yet expired, or null. */
  User get(String token, long nowEpochSeconds) {
    User user = users.get(token);
    if (user == null) {
      return null;
    }
    Object exp = user.get("exp");
    if (!(exp instanceof Number number) || number.longValue() <= nowEpochSeconds) {
      users.remove(token);
      return null;
    }
    return user;
  }

  void put(String token, User user) {
    users.put(token, user);
  }

  int size() {
    return users.size();
  }
}
