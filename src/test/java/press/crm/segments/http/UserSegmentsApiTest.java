package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.testing.ApiFixture;
import press.crm.segments.testing.ApiServer;

/** user-segments/list, /users and /check against the real evaluation engine. */
class UserSegmentsApiTest {

  private static final int USERS = 2_500;

  private static ApiFixture fx;
  private static ApiServer server;
  private static String token;

  @BeforeAll
  static void start() {
    // Small batches so a stream spans many round trips through the backpressure loop.
    fx = ApiFixture.start(USERS, config ->
        config.getJsonObject("evaluation").put("stream_batch_size", 100));
    server = fx.server;
    token = server.token("user-segments/*");
    long newsletters = fx.seed.group("Newsletters", "newsletters", 10);
    long other = fx.seed.group("Other", "other", 20);
    fx.seed.segment("Active users", "active_users", "users", newsletters,
        "SELECT %fields% FROM %table% WHERE active AND %where%");
    fx.seed.segment("All users", "all_users", "users", other);
    fx.seed.segment("Web subscriptions", "web_subscriptions", "subscriptions", other,
        "SELECT %fields% FROM %table% WHERE %where%");
    long gone = fx.seed.segment("Deleted one", "deleted_one", "users", other);
    fx.db.execute("UPDATE segments.segments SET deleted_at = now() WHERE id = " + gone);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void listGivesNonDeletedUserSegmentsByNameWithTheirGroup() {
    HttpResponse<Buffer> response = server.get("user-segments/list", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo(ApiErrors.JSON);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("ok");
    JsonArray segments = body.getJsonArray("segments");
    assertThat(segments.stream().map(s -> ((JsonObject) s).getString("code")))
        .containsExactly("active_users", "all_users");
    JsonObject first = segments.getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("Active users");
    assertThat(first.getJsonObject("group").getString("code")).isEqualTo("newsletters");
    assertThat(first.getJsonObject("group").getString("name")).isEqualTo("Newsletters");
    assertThat(first.getJsonObject("group").getInteger("sorting")).isEqualTo(10);
  }

  @Test
  void listFiltersByGroupCode() {
    JsonObject body = server.get("user-segments/list?group_code=other", token).bodyAsJsonObject();

    assertThat(body.getJsonArray("segments")).hasSize(1);
    assertThat(body.getJsonArray("segments").getJsonObject(0).getString("code"))
        .isEqualTo("all_users");
  }

  @Test
  void listWithUnknownOrHostileGroupCode() {
    HttpResponse<Buffer> unknown = server.get("user-segments/list?group_code=nope", token);
    HttpResponse<Buffer> hostile =
        server.get("user-segments/list?group_code=x%27%20OR%20%271%27%3D%271", token);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
    assertThat(hostile.statusCode()).isEqualTo(400);
    assertThat(hostile.bodyAsJsonObject().getJsonObject("errors").containsKey("group_code"))
        .isTrue();
  }

  @Test
  void checkByIdAndByEmail() {
    assertThat(check("active_users", "id", "1")).isTrue();
    assertThat(check("active_users", "id", "3")).isFalse();
    assertThat(check("active_users", "email", "user1@example.com")).isTrue();
    assertThat(check("active_users", "email", "user3@example.com")).isFalse();
  }

  @Test
  void checkOfNonIntegerIdOrUnknownUserIsFalse() {
    assertThat(check("all_users", "id", "abc")).isFalse();
    assertThat(check("all_users", "id", "1 OR 1=1")).isFalse();
    assertThat(check("all_users", "id", "999999")).isFalse();
    assertThat(check("all_users", "email", "' OR ''='")).isFalse();
  }

  private static boolean check(String code, String type, String value) {
    HttpResponse<Buffer> response = server.get("user-segments/check?code=" + code
        + "&resolver_type=" + type + "&resolver_value="
        + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8), token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ok");
    return response.bodyAsJsonObject().getBoolean("check");
  }

  @Test
  void checkOfUnknownOrDeletedSegmentIsNotFound() {
    for (String code : new String[] {"nope", "deleted_one"}) {
      HttpResponse<Buffer> response = server.get("user-segments/check?code=" + code
          + "&resolver_type=id&resolver_value=1", token);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
      assertThat(response.bodyAsJsonObject().getString("message"))
          .isEqualTo("Segment does not exist");
    }
  }

  @Test
  void checkWithMissingOrBadParametersIsInvalidInput() {
    assertInvalid(server.get("user-segments/check?resolver_type=id&resolver_value=1", token),
        "code");
    assertInvalid(server.get("user-segments/check?code=all_users&resolver_value=1", token),
        "resolver_type");
    assertInvalid(server.get("user-segments/check?code=all_users&resolver_type=phone"
        + "&resolver_value=1", token), "resolver_type");
    assertInvalid(server.get("user-segments/check?code=all_users&resolver_type=id", token),
        "resolver_value");
    assertInvalid(server.get("user-segments/check?code=all_users&code=x&resolver_type=id"
        + "&resolver_value=1", token), "code");
    assertInvalid(server.get("user-segments/check?code=" + "a".repeat(300)
        + "&resolver_type=id&resolver_value=1", token), "code");
  }

  @Test
  void brokenEncodingsInParametersAreRefusedOrSimplyNotMembers() {
    String base = "user-segments/check?code=all_users&resolver_type=";

    HttpResponse<Buffer> badEscape = server.get(base + "id&resolver_value=%ZZ", token);
    HttpResponse<Buffer> badUtf8 = server.get(base + "email&resolver_value=%FF%FE", token);
    HttpResponse<Buffer> nulByte = server.get(base + "email&resolver_value=a%00b", token);

    assertThat(badEscape.statusCode()).isEqualTo(400);
    assertThat(badEscape.bodyAsJsonObject().getString("code")).isEqualTo("invalid_input");
    assertThat(badUtf8.statusCode()).isEqualTo(200);
    assertThat(badUtf8.bodyAsJsonObject().getBoolean("check")).isFalse();
    assertThat(nulByte.statusCode()).isEqualTo(200);
    assertThat(nulByte.bodyAsJsonObject().getBoolean("check")).isFalse();
  }

  static void assertInvalid(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("code")).isEqualTo("invalid_input");
    assertThat(body.getJsonObject("errors").getJsonArray(field)).isNotEmpty();
  }

  @Test
  void usersStreamsEveryMemberInIdOrderWithStringIds() {
    HttpResponse<Buffer> response = server.get("user-segments/users?code=all_users", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo(ApiErrors.JSON);
    assertThat(response.getHeader("Transfer-Encoding")).isEqualTo("chunked");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("ok");
    JsonArray users = body.getJsonArray("users");
    assertThat(users).hasSize(USERS);
    for (int i = 0; i < USERS; i++) {
      JsonObject user = users.getJsonObject(i);
      assertThat(user.getValue("id")).isEqualTo(String.valueOf(i + 1));
      assertThat(user.getString("email")).isEqualTo("user" + (i + 1) + "@example.com");
    }
  }

  @Test
  void usersOfAFilteredSegmentHasOnlyItsMembers() {
    JsonArray users = server.get("user-segments/users?code=active_users", token)
        .bodyAsJsonObject().getJsonArray("users");

    long expected = fx.db.queryLong("SELECT count(*) FROM users WHERE active");
    assertThat(users).hasSize((int) expected);
    assertThat(users.stream().map(u -> ((JsonObject) u).getString("id")))
        .doesNotContain("3", "6", "9");
  }

  @Test
  void usersOfUnknownSegmentIsNotFound() {
    HttpResponse<Buffer> response = server.get("user-segments/users?code=nope", token);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("message"))
        .isEqualTo("Segment does not exist");
  }

  @Test
  void usersWithoutCodeIsInvalidInput() {
    assertInvalid(server.get("user-segments/users", token), "code");
    assertInvalid(server.get("user-segments/users?code=%3Bdrop%20table%20users", token), "code");
    assertThat(fx.db.queryLong("SELECT count(*) FROM users")).isEqualTo(USERS);
  }

  @Test
  void userSegmentsScopeDoesNotOpenOperatorEndpoints() {
    assertThat(server.get("segments/list", token).statusCode()).isEqualTo(403);
  }
}
