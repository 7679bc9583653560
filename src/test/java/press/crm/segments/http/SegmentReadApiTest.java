package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;
import static press.crm.segments.http.UserSegmentsApiTest.assertInvalid;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.testing.ApiFixture;
import press.crm.segments.testing.ApiServer;

/** segments/list, show, groups, daily-count-stats and recalculate. */
class SegmentReadApiTest {

  private static ApiFixture fx;
  private static ApiServer server;
  private static String token;
  private static long activeId;
  private static long groupId;

  @BeforeAll
  static void start() {
    fx = ApiFixture.start(30);
    server = fx.server;
    token = server.token("admin");
    groupId = fx.seed.group("Mailing", "mailing", 5);
    activeId = fx.seed.segment("Active users", "active_users", "users", groupId,
        "SELECT %fields% FROM %table% WHERE active AND %where%");
    fx.seed.segment("Web subscriptions", "web_subscriptions", "subscriptions", groupId,
        "SELECT %fields% FROM %table% WHERE %where%");
    fx.seed.value(activeId, "2024-03-01 01:00:00+00", 10);
    fx.seed.value(activeId, "2024-03-01 23:59:59+00", 14);
    fx.seed.value(activeId, "2024-03-01 12:00:00+00", 12);
    fx.seed.value(activeId, "2024-03-02 00:00:00+00", 9);
    fx.seed.value(activeId, "2024-03-04 06:00:00+00", 20);
    fx.seed.value(activeId, "2024-03-05 00:00:00+00", 99);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void listGroupsSegmentsByTable() {
    HttpResponse<Buffer> response = server.get("segments/list", token);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray result = response.bodyAsJsonObject().getJsonArray("result");
    assertThat(result).hasSize(2);
    assertThat(result.getJsonObject(0).getString("table")).isEqualTo("subscriptions");
    assertThat(result.getJsonObject(1).getString("table")).isEqualTo("users");
    JsonObject users = result.getJsonObject(1).getJsonArray("segments").getJsonObject(0);
    assertThat(users.getString("code")).isEqualTo("active_users");
    assertThat(users.getJsonObject("group").getString("code")).isEqualTo("mailing");
  }

  @Test
  void listWithUnknownGroupIsNotFound() {
    assertThat(server.get("segments/list?group_code=missing", token).statusCode())
        .isEqualTo(404);
  }

  @Test
  void showGivesTheWholeSegment() {
    HttpResponse<Buffer> response = server.get("segments/show?id=" + activeId, token);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject segment = response.bodyAsJsonObject().getJsonObject("segment");
    assertThat(segment.getLong("id")).isEqualTo(activeId);
    assertThat(segment.getInteger("version")).isEqualTo(1);
    assertThat(segment.getString("name")).isEqualTo("Active users");
    assertThat(segment.getString("code")).isEqualTo("active_users");
    assertThat(segment.getString("table_name")).isEqualTo("users");
    assertThat(segment.getJsonArray("fields")).containsExactly("id", "email");
    assertThat(segment.getBoolean("locked")).isFalse();
    assertThat(segment.getString("group_code")).isEqualTo("mailing");
    assertThat(segment.getString("query_string")).contains("WHERE active");
    assertThat(segment.containsKey("criteria")).isTrue();
    assertThat(segment.containsKey("note")).isTrue();
    assertThat(segment.containsKey("cache_count")).isTrue();
    assertThat(segment.containsKey("cache_count_periodicity")).isTrue();
    assertThat(segment.getString("created_at")).isNotBlank();
    assertThat(segment.getString("updated_at")).isNotBlank();
  }

  @Test
  void showOfUnknownIdIsNotFoundAndBadIdIsInvalid() {
    assertThat(server.get("segments/show?id=424242", token).statusCode()).isEqualTo(404);
    assertInvalid(server.get("segments/show", token), "id");
    assertInvalid(server.get("segments/show?id=1%20OR%201%3D1", token), "id");
    assertInvalid(server.get("segments/show?id=99999999999999999999", token), "id");
  }

  @Test
  void groupsAreListedBySorting() {
    fx.seed.group("Early", "early", 1);

    JsonArray groups = server.get("segments/groups", token).bodyAsJsonObject()
        .getJsonArray("groups");

    assertThat(groups.getJsonObject(0).getString("code")).isEqualTo("early");
    JsonObject mailing = groups.getJsonObject(1);
    assertThat(mailing.getLong("id")).isEqualTo(groupId);
    assertThat(mailing.getString("name")).isEqualTo("Mailing");
    assertThat(mailing.getInteger("sorting")).isEqualTo(5);
  }

  @Test
  void createGroupWithAndWithoutCode() {
    HttpResponse<Buffer> named = server.post("segments/groups", token,
        new JsonObject().put("name", "Campaign targets").put("sorting", 7));
    HttpResponse<Buffer> again = server.post("segments/groups", token,
        new JsonObject().put("name", "Campaign targets"));
    HttpResponse<Buffer> coded = server.post("segments/groups", token,
        new JsonObject().put("name", "Other").put("code", "other-one"));

    assertThat(named.statusCode()).isEqualTo(200);
    JsonObject group = named.bodyAsJsonObject().getJsonObject("group");
    assertThat(group.getString("code")).isEqualTo("campaign_targets");
    assertThat(group.getInteger("sorting")).isEqualTo(7);
    assertThat(again.bodyAsJsonObject().getJsonObject("group").getString("code"))
        .isEqualTo("campaign_targets_2");
    assertThat(again.bodyAsJsonObject().getJsonObject("group").getInteger("sorting"))
        .isEqualTo(100);
    assertThat(coded.bodyAsJsonObject().getJsonObject("group").getString("code"))
        .isEqualTo("other-one");
    assertThat(fx.db.queryString("SELECT name FROM segments.segment_groups"
        + " WHERE code = 'campaign_targets'")).isEqualTo("Campaign targets");
  }

  @Test
  void createGroupConflictsAndBadInputChangeNothing() {
    String before = fx.seed.groupsSnapshot();

    HttpResponse<Buffer> duplicate = server.post("segments/groups", token,
        new JsonObject().put("name", "Again").put("code", "mailing"));

    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.bodyAsJsonObject().getString("code")).isEqualTo("conflict");
    assertInvalid(server.post("segments/groups", token, new JsonObject()), "name");
    assertInvalid(server.post("segments/groups", token, new JsonObject().put("name", 1)),
        "name");
    assertInvalid(server.post("segments/groups", token,
        new JsonObject().put("name", "x").put("sorting", "first")), "sorting");
    assertInvalid(server.post("segments/groups", token,
        new JsonObject().put("name", "x").put("code", "a b")), "code");
    assertInvalid(server.post("segments/groups", token, "not json"), "body");
    assertThat(fx.seed.groupsSnapshot()).isEqualTo(before);
  }

  @Test
  void dailyCountStatsGivesThePerDayMaximumWithInclusiveBounds() {
    HttpResponse<Buffer> response = server.get("segments/daily-count-stats"
        + "?segment_code=active_users&date_from=2024-03-01&date_to=2024-03-04", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo(ApiErrors.JSON);
    assertThat(response.bodyAsJsonArray()).isEqualTo(new JsonArray()
        .add(new JsonObject().put("date", "2024-03-01").put("count", 14))
        .add(new JsonObject().put("date", "2024-03-02").put("count", 9))
        .add(new JsonObject().put("date", "2024-03-04").put("count", 20)));
  }

  @Test
  void dailyCountStatsOfASingleDayAndOfAnEmptyRange() {
    JsonArray single = server.get("segments/daily-count-stats"
        + "?segment_code=active_users&date_from=2024-03-05&date_to=2024-03-05", token)
        .bodyAsJsonArray();
    JsonArray empty = server.get("segments/daily-count-stats"
        + "?segment_code=active_users&date_from=2020-01-01&date_to=2020-12-31", token)
        .bodyAsJsonArray();

    assertThat(single).containsExactly(new JsonObject().put("date", "2024-03-05")
        .put("count", 99));
    assertThat(empty).isEmpty();
  }

  @Test
  void dailyCountStatsOfUnknownSegmentIsNotFound() {
    HttpResponse<Buffer> response = server.get("segments/daily-count-stats"
        + "?segment_code=nope&date_from=2024-03-01&date_to=2024-03-04", token);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  void dailyCountStatsRejectsBadDatesAndReversedRanges() {
    String base = "segments/daily-count-stats?segment_code=active_users";
    assertInvalid(server.get(base + "&date_from=2024-02-30&date_to=2024-03-04", token),
        "date_from");
    assertInvalid(server.get(base + "&date_from=yesterday&date_to=2024-03-04", token),
        "date_from");
    assertInvalid(server.get(base + "&date_from=2024-03-01&date_to=99999-01-01", token),
        "date_to");
    assertInvalid(server.get(base + "&date_from=2024-03-05&date_to=2024-03-01", token),
        "date_from");
    assertInvalid(server.get(base + "&date_to=2024-03-01", token), "date_from");
    assertInvalid(server.get("segments/daily-count-stats?date_from=2024-03-01"
        + "&date_to=2024-03-02", token), "segment_code");
  }

  @Test
  void recalculateCountsStoresAndAnswers() {
    long before = fx.db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE segment_id = " + activeId);

    HttpResponse<Buffer> response = server.post("segments/recalculate?code=active_users", token,
        null);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    long active = fx.db.queryLong("SELECT count(*) FROM users WHERE active");
    assertThat(body.getString("status")).isEqualTo("ok");
    assertThat(body.getString("code")).isEqualTo("active_users");
    assertThat(body.getLong("count")).isEqualTo(active);
    assertThat(body.getDouble("time")).isNotNegative();
    assertThat(fx.db.queryLong("SELECT cache_count FROM segments.segments WHERE id = "
        + activeId)).isEqualTo(active);
    assertThat(fx.db.queryLong("SELECT count(*) FROM segments.segments_values"
        + " WHERE segment_id = " + activeId)).isEqualTo(before + 1);
  }

  @Test
  void hostileParametersAreRefusedAndChangeNothing() {
    String segments = fx.seed.segmentsSnapshot();
    String injection = "x%27%3B%20DELETE%20FROM%20segments.segments%3B%20--";

    assertInvalid(server.get("segments/daily-count-stats?segment_code=" + injection
        + "&date_from=2024-03-01&date_to=2024-03-02", token), "segment_code");
    assertInvalid(server.get("segments/daily-count-stats?segment_code=active_users"
        + "&date_from=2024-03-01%27%20OR%201%3D1&date_to=2024-03-02", token), "date_from");
    assertInvalid(server.post("segments/recalculate?code=" + injection, token, null), "code");
    assertInvalid(server.post("segments/lock?id=" + activeId + "%20OR%201%3D1&locked=true",
        token, null), "id");
    assertInvalid(server.delete("segments/detail?id=" + injection, token), "id");
    assertInvalid(server.get("segments/list?group_code=" + injection, token), "group_code");

    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(segments);
  }

  @Test
  void recalculateOfUnknownSegmentIsNotFoundAndWithoutCodeInvalid() {
    assertThat(server.post("segments/recalculate?code=nope", token, null).statusCode())
        .isEqualTo(404);
    assertInvalid(server.post("segments/recalculate", token, null), "code");
  }
}
