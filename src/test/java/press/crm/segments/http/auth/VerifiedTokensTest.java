package press.crm.segments.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static User expiringAt(long exp) {
    return User.create(new JsonObject().put("sub", "tests").put("exp", exp));
  }

  @Test
  void aVerifiedTokenIsRememberedUntilItsExpiry() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.put("t", expiringAt(1_000));

    assertThat(tokens.get("t", 999)).isNotNull();
    assertThat(tokens.get("t", 1_000)).isNull();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void aTokenNeverVerifiedIsUnknown() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.put("t", expiringAt(1_000));

    assertThat(tokens.get("t-with-another-signature", 1)).isNull();
  }

  @Test
  void aUserWithoutExpiryIsNeverServedFromMemory() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.put("t", User.create(new JsonObject().put("sub", "tests")));

    assertThat(tokens.get("t", 1)).isNull();
  }

  @Test
  void theLeastRecentlyUsedTokensMakeRoomBeyondCapacity() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.put("first", expiringAt(1_000));
    for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
      tokens.put("other-" + i, expiringAt(1_000));
    }

    assertThat(tokens.size()).isEqualTo(VerifiedTokens.CAPACITY);
    assertThat(tokens.get("first", 1)).isNull();
    assertThat(tokens.get("other-" + (VerifiedTokens.CAPACITY - 1), 1)).isNotNull();
  }
}
