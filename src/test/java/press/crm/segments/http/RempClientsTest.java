package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.testing.ApiFixture;
import press.crm.segments.testing.ApiServer;

/**
 * Plays the calls REMP Mailer and REMP Campaign make against a seeded database, each with a
 * token scoped the way an operator would issue it, and checks every field they read.
 */
class RempClientsTest {

  private static ApiFixture fx;
  private static ApiServer server;

  @BeforeAll
  static void start() {
    fx = ApiFixture.start(120);
    server = fx.server;
    long crm = fx.seed.group("CRM", "crm", 100);
    fx.seed.segment("All users", "all_users", "users", crm);
    fx.seed.segment("Users with subscription", "users_with_subscription", "users", crm,
        "SELECT %fields% FROM %table% WHERE id IN (SELECT user_id FROM subscriptions)"
            + " AND %where% GROUP BY %group_by%");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void mailerListsSegmentsThenFetchesTheMembersOfOne() {
    String token = server.token("user-segments/list user-segments/users");

    // Mailer's segment picker: code, name and group of each segment.
    HttpResponse<Buffer> list = server.get("user-segments/list", token);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonObject listBody = list.bodyAsJsonObject();
    assertThat(listBody.getString("status")).isEqualTo("ok");
    JsonObject segment = find(listBody.getJsonArray("segments"), "users_with_subscription");
    assertThat(segment.getString("name")).isEqualTo("Users with subscription");
    assertThat(segment.getJsonObject("group").getString("name")).isEqualTo("CRM");
    assertThat(segment.getJsonObject("group").getString("code")).isEqualTo("crm");
    assertThat(segment.getJsonObject("group").getInteger("sorting")).isEqualTo(100);

    // Mailer's job: every member's id and email.
    HttpResponse<Buffer> users =
        server.get("user-segments/users?code=users_with_subscription", token);
    assertThat(users.statusCode()).isEqualTo(200);
    JsonArray members = users.bodyAsJsonObject().getJsonArray("users");
    List<String> ids = new ArrayList<>();
    for (Object member : members) {
      JsonObject user = (JsonObject) member;
      assertThat(user.getValue("id")).isInstanceOf(String.class);
      assertThat(user.getString("email")).isEqualTo("user" + user.getString("id")
          + "@example.com");
      ids.add(user.getString("id"));
    }
    assertThat(ids).hasSize((int) fx.db.queryLong("SELECT count(DISTINCT user_id)"
        + " FROM subscriptions"));
    assertThat(ids).contains("2", "120").doesNotContain("1", "119");
  }

  @Test
  void campaignChecksMembershipByIdAndByEmail() {
    String token = server.token("user-segments/*");

    JsonObject list = server.get("user-segments/list", token).bodyAsJsonObject();
    assertThat(find(list.getJsonArray("segments"), "all_users").getString("name"))
        .isEqualTo("All users");

    assertThat(check(token, "users_with_subscription", "id", "4")).isTrue();
    assertThat(check(token, "users_with_subscription", "id", "5")).isFalse();
    assertThat(check(token, "users_with_subscription", "email", "user4@example.com")).isTrue();
    assertThat(check(token, "users_with_subscription", "email", "user5@example.com"))
        .isFalse();
    assertThat(check(token, "all_users", "id", "anonymous-browser-id")).isFalse();

    HttpResponse<Buffer> users = server.get("user-segments/users?code=all_users", token);
    assertThat(users.bodyAsJsonObject().getJsonArray("users")).hasSize(120);
  }

  @Test
  void campaignTokenCannotReachTheOperatorApi() {
    String token = server.token("user-segments/check");

    assertThat(server.get("user-segments/list", token).statusCode()).isEqualTo(403);
    assertThat(server.delete("segments/detail?id=1", token).statusCode()).isEqualTo(403);
    assertThat(fx.db.queryLong("SELECT count(*) FROM segments.segments WHERE deleted_at IS NULL"))
        .isEqualTo(2);
  }

  private static boolean check(String token, String code, String type, String value) {
    HttpResponse<Buffer> response = server.get("user-segments/check?code=" + code
        + "&resolver_type=" + type + "&resolver_value=" + value, token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ok");
    return response.bodyAsJsonObject().getBoolean("check");
  }

  private static JsonObject find(JsonArray segments, String code) {
    return segments.stream().map(JsonObject.class::cast)
        .filter(s -> code.equals(s.getString("code")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("segment " + code + " not listed"));
  }
}
