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
import press.crm.segments.segment.Codes;
import press.crm.segments.testing.ApiServer;

/** Creating, updating and deleting SQL segments through segments/detail, with every conflict. */
class SegmentDetailApiTest {

  private static ApiFixture fx;
  private static ApiServer server;
  private static String token;

  @BeforeAll
  static void start() {
    fx = ApiFixture.start(50);
    server = fx.server;
    token = server.token("segments/*");
    fx.seed.group("Default", "default", 100);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonObject sql(String name, String query) {
    return new JsonObject().put("table_name", "users").put("group_code", "default")
        .put("name", name).put("query_string", query);
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("ok");
    return body;
  }

  private static String stored(String column, long id) {
    return fx.db.queryString("SELECT " + column + "::text FROM segments.segments WHERE id = " + id);
  }

  private static boolean member(String code, int id) {
    HttpResponse<Buffer> response = server.get("user-segments/check?code=" + code
        + "&resolver_type=id&resolver_value=" + id, server.token("user-segments/check"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getBoolean("check");
  }

  @Test
  void aChangedDefinitionAppliesToTheVeryNextCheck() {
    long id = created(server.post("segments/detail", token, sql("First five",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 5")
        .put("code", "first_few"))).getLong("id");
    assertThat(member("first_few", 4)).isTrue();

    created(server.post("segments/detail?id=" + id, token, sql("First three",
        "SELECT %fields% FROM %table% WHERE %where% AND %table%.id <= 3")));

    assertThat(member("first_few", 4)).isFalse();
    assertThat(member("first_few", 3)).isTrue();

    assertThat(server.delete("segments/detail?id=" + id, token).statusCode()).isEqualTo(200);

    assertThat(server.get("user-segments/check?code=first_few&resolver_type=id&resolver_value=3",
        server.token("user-segments/check")).statusCode()).isEqualTo(404);
  }

  @Test
  void createStoresTheSqlSegmentAsGiven() {
    String query = "SELECT %fields% FROM %table% WHERE active AND %where%";
    JsonObject body = created(server.post("segments/detail", token, sql("Active readers", query)
        .put("code", "active_readers").put("fields", "id, email").put("note", "for mailers")
        .put("cache_count_periodicity", new JsonObject().put("amount", 2).put("unit", "hours"))));

    long id = body.getLong("id");
    assertThat(body.getString("code")).isEqualTo("active_readers");
    assertThat(stored("version", id)).isEqualTo("1");
    assertThat(stored("name", id)).isEqualTo("Active readers");
    assertThat(stored("query_string", id)).isEqualTo(query);
    assertThat(stored("fields", id)).isEqualTo("{id,email}");
    assertThat(stored("note", id)).isEqualTo("for mailers");
    assertThat(new JsonObject(stored("cache_count_periodicity", id)))
        .isEqualTo(new JsonObject().put("amount", 2).put("unit", "hours"));
    assertThat(stored("criteria", id)).isNull();
  }

  @Test
  void criteriaSegmentStoresTheTreeAndTheCompiledSqlAndGetsAGeneratedName() {
    JsonObject criteria = new JsonObject().put("version", "1").put("nodes", new JsonArray()
        .add(new JsonObject().put("type", "criteria").put("key", "active")
            .put("negation", false).put("values", new JsonObject().put("active", true))));

    JsonObject body = created(server.post("segments/detail", token, new JsonObject()
        .put("table_name", "users").put("group_code", "default").put("criteria", criteria)));

    long id = body.getLong("id");
    String name = stored("name", id);
    assertThat(stored("version", id)).isEqualTo("2");
    assertThat(new JsonObject(stored("criteria", id))).isEqualTo(criteria);
    assertThat(stored("query_string", id)).containsIgnoringCase("select");
    assertThat(name).isNotBlank();
    assertThat(body.getString("code")).isEqualTo(Codes.slug(name));
    JsonObject shown = server.get("segments/show?id=" + id, token).bodyAsJsonObject()
        .getJsonObject("segment");
    assertThat(shown.getJsonObject("criteria")).isEqualTo(criteria);
    assertThat(shown.getInteger("version")).isEqualTo(2);
  }

  @Test
  void invalidCriteriaAreRefusedAndStoreNothing() {
    String before = fx.seed.segmentsSnapshot();
    JsonObject criteria = new JsonObject().put("version", "1").put("nodes", new JsonArray()
        .add(new JsonObject().put("type", "criteria").put("key", "no_such_criterion")
            .put("negation", false).put("values", new JsonObject())));

    HttpResponse<Buffer> response = server.post("segments/detail", token, new JsonObject()
        .put("table_name", "users").put("group_code", "default").put("criteria", criteria));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).contains("no_such_criterion");
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
  }

  @Test
  void codeIsGeneratedFromTheNameAndMadeUnique() {
    String query = "SELECT users.id, users.email FROM users WHERE id < 10";
    JsonObject first = created(server.post("segments/detail", token, sql("Früh Leser!", query)));
    JsonObject second = created(server.post("segments/detail", token, sql("Früh Leser!", query)));

    assertThat(first.getString("code")).isEqualTo("fruh_leser");
    assertThat(second.getString("code")).isEqualTo("fruh_leser_2");
    assertThat(stored("fields", first.getLong("id"))).isEqualTo("{id,email}");
  }

  @Test
  void duplicateCodeIsAConflictAndStoresNothing() {
    created(server.post("segments/detail", token,
        sql("Dup", "SELECT %fields% FROM %table% WHERE %where%").put("code", "dup")));
    String before = fx.seed.segmentsSnapshot();

    HttpResponse<Buffer> response = server.post("segments/detail", token,
        sql("Dup again", "SELECT %fields% FROM %table% WHERE %where%").put("code", "dup"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("conflict");
    assertThat(response.bodyAsJsonObject().getString("message")).contains("dup");
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
  }

  @Test
  void writingOrBrokenSqlIsRefusedWithTheProblemNamed() {
    String before = fx.seed.segmentsSnapshot();
    String[] refused = {
        "DELETE FROM users",
        "SELECT id, email FROM users; DROP TABLE users",
        "SELECT %fields% FROM %table% WHERE no_such_column = 1 AND %where%",
        "SELECT id FROM segments.segments",
        "SELEC nonsense",
    };
    for (String query : refused) {
      HttpResponse<Buffer> response = server.post("segments/detail", token, sql("Bad", query));

      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("invalid_input");
      assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
    }
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
    assertThat(fx.db.queryLong("SELECT count(*) FROM users")).isEqualTo(50);
  }

  @Test
  void unknownGroupIsNotFoundAndUnknownTableIsInvalid() {
    String before = fx.seed.segmentsSnapshot();

    HttpResponse<Buffer> group = server.post("segments/detail", token,
        sql("X", "SELECT %fields% FROM %table% WHERE %where%").put("group_code", "nope"));
    HttpResponse<Buffer> table = server.post("segments/detail", token,
        sql("X", "SELECT %fields% FROM %table% WHERE %where%").put("table_name", "payments"));

    assertThat(group.statusCode()).isEqualTo(404);
    assertThat(group.bodyAsJsonObject().getString("message")).contains("nope");
    assertInvalid(table, "table_name");
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
  }

  @Test
  void malformedBodiesAreInvalidInputAndStoreNothing() {
    String before = fx.seed.segmentsSnapshot();
    String valid = "SELECT %fields% FROM %table% WHERE %where%";

    assertInvalid(server.post("segments/detail", token, "{\"table_name\": "), "body");
    assertInvalid(server.post("segments/detail", token, "[1, 2]"), "body");
    assertInvalid(server.post("segments/detail", token, Buffer.buffer(new byte[] {
        '{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})), "body");
    assertInvalid(server.post("segments/detail", token, ""), "body");
    assertInvalid(server.post("segments/detail", token, sql("X", valid).put("name", 42)),
        "name");
    assertInvalid(server.post("segments/detail", token, sql("X", valid).put("admin", true)),
        "admin");
    assertInvalid(server.post("segments/detail", token, sql("X", valid).put("name", " ")),
        "name");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("name", "n".repeat(256))), "name");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("query_string", "SELECT 1 -- " + "x".repeat(110_000))), "query_string");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("code", "x'; DROP TABLE users; --")), "code");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("fields", "id, email; DROP TABLE users")), "fields");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("fields", new JsonArray().add("id").add(7))), "fields");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("fields", new JsonArray().add("id").add("password"))), "fields");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("cache_count_periodicity", new JsonObject().put("amount", 0).put("unit", "days"))),
        "cache_count_periodicity");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("cache_count_periodicity", "hourly")), "cache_count_periodicity");
    assertInvalid(server.post("segments/detail", token, sql("X", valid)
        .put("criteria", new JsonObject())), "query_string");
    assertInvalid(server.post("segments/detail", token, sql("X", valid).putNull("query_string")),
        "query_string");
    assertInvalid(server.post("segments/detail?id=abc", token, sql("X", valid)), "id");

    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
    assertThat(fx.db.queryLong("SELECT count(*) FROM users")).isEqualTo(50);
  }

  @Test
  void bodyOverTheLimitIsPayloadTooLarge() {
    String before = fx.seed.segmentsSnapshot();

    HttpResponse<Buffer> response = server.post("segments/detail", token,
        sql("Huge", "SELECT 1 -- " + "x".repeat(1_100_000)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("payload_too_large");
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
  }

  @Test
  void updateReplacesTheDefinitionAndKeepsTheCode() {
    long id = created(server.post("segments/detail", token,
        sql("Editable", "SELECT %fields% FROM %table% WHERE %where%"))).getLong("id");
    String query = "SELECT %fields% FROM %table% WHERE id > 10 AND %where%";

    JsonObject body = created(server.post("segments/detail?id=" + id, token,
        sql("Edited", query).putNull("name").put("name", "Edited")));

    assertThat(body.getLong("id")).isEqualTo(id);
    assertThat(body.getString("code")).isEqualTo("editable");
    assertThat(stored("query_string", id)).isEqualTo(query);
    assertThat(stored("name", id)).isEqualTo("Edited");
  }

  @Test
  void updateOfUnknownOrDeletedSegmentIsNotFound() {
    long id = created(server.post("segments/detail", token,
        sql("Gone soon", "SELECT %fields% FROM %table% WHERE %where%"))).getLong("id");
    fx.db.execute("UPDATE segments.segments SET deleted_at = now() WHERE id = " + id);

    HttpResponse<Buffer> deleted = server.post("segments/detail?id=" + id, token,
        sql("X", "SELECT %fields% FROM %table% WHERE %where%"));
    HttpResponse<Buffer> unknown = server.post("segments/detail?id=987654", token,
        sql("X", "SELECT %fields% FROM %table% WHERE %where%"));

    assertThat(deleted.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  void lockedSegmentCannotBeEditedOrDeletedUntilUnlocked() {
    long id = created(server.post("segments/detail", token,
        sql("Locked", "SELECT %fields% FROM %table% WHERE %where%"))).getLong("id");
    HttpResponse<Buffer> lock = server.post("segments/lock?id=" + id + "&locked=true", token,
        null);
    assertThat(lock.statusCode()).isEqualTo(200);
    assertThat(lock.bodyAsJsonObject().getBoolean("locked")).isTrue();
    assertThat(stored("locked", id)).isEqualTo("true");
    String before = fx.seed.segmentsSnapshot();

    HttpResponse<Buffer> edit = server.post("segments/detail?id=" + id, token,
        sql("Changed", "SELECT %fields% FROM %table% WHERE id = 1 AND %where%"));
    HttpResponse<Buffer> delete = server.delete("segments/detail?id=" + id, token);

    assertThat(edit.statusCode()).isEqualTo(409);
    assertThat(edit.bodyAsJsonObject().getString("message")).contains("locked");
    assertThat(delete.statusCode()).isEqualTo(409);
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);

    server.post("segments/lock?id=" + id + "&locked=false", token, null);
    assertThat(server.post("segments/detail?id=" + id, token,
        sql("Changed", "SELECT %fields% FROM %table% WHERE id = 1 AND %where%")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void lockWithBadParametersOrUnknownSegment() {
    assertInvalid(server.post("segments/lock?id=1&locked=maybe", token, null), "locked");
    assertInvalid(server.post("segments/lock?locked=true", token, null), "id");
    assertInvalid(server.post("segments/lock?id=-4&locked=true", token, null), "id");
    assertThat(server.post("segments/lock?id=99999&locked=true", token, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void referencedSegmentKeepsItsCodeAndCannotBeDeleted() {
    long base = created(server.post("segments/detail", token,
        sql("Base", "SELECT %fields% FROM %table% WHERE %where%").put("code", "base")))
        .getLong("id");
    created(server.post("segments/detail", token, sql("Nested",
        "SELECT %fields% FROM %table% WHERE id IN (SELECT id FROM (%segment.base%) b)"
            + " AND %where%").put("code", "nested")));
    String before = fx.seed.segmentsSnapshot();

    HttpResponse<Buffer> rename = server.post("segments/detail?id=" + base, token,
        sql("Base", "SELECT %fields% FROM %table% WHERE %where%").put("code", "base_renamed"));
    HttpResponse<Buffer> delete = server.delete("segments/detail?id=" + base, token);

    assertThat(rename.statusCode()).isEqualTo(409);
    assertThat(rename.bodyAsJsonObject().getString("message")).contains("nested");
    assertThat(delete.statusCode()).isEqualTo(409);
    assertThat(delete.bodyAsJsonObject().getString("message")).contains("nested");
    assertThat(fx.seed.segmentsSnapshot()).isEqualTo(before);
  }

  @Test
  void referenceToMissingSegmentIsInvalid() {
    HttpResponse<Buffer> response = server.post("segments/detail", token, sql("Dangling",
        "SELECT %fields% FROM %table% WHERE id IN (SELECT id FROM (%segment.missing%) m)"
            + " AND %where%"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).contains("missing");
  }

  @Test
  void deleteIsSoftAndFreesTheCode() {
    long id = created(server.post("segments/detail", token,
        sql("Temp", "SELECT %fields% FROM %table% WHERE %where%").put("code", "temp")))
        .getLong("id");

    HttpResponse<Buffer> response = server.delete("segments/detail?id=" + id, token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getLong("id")).isEqualTo(id);
    assertThat(stored("deleted_at IS NOT NULL", id)).isEqualTo("true");
    assertThat(server.delete("segments/detail?id=" + id, token).statusCode()).isEqualTo(404);
    assertThat(server.get("segments/show?id=" + id, token).statusCode()).isEqualTo(404);
    assertThat(created(server.post("segments/detail", token,
        sql("Temp", "SELECT %fields% FROM %table% WHERE %where%").put("code", "temp")))
        .getLong("id")).isNotEqualTo(id);
  }

  @Test
  void changingTheCodeToOneInUseIsAConflict() {
    created(server.post("segments/detail", token,
        sql("Taken", "SELECT %fields% FROM %table% WHERE %where%").put("code", "taken")));
    long id = created(server.post("segments/detail", token,
        sql("Mine", "SELECT %fields% FROM %table% WHERE %where%").put("code", "mine")))
        .getLong("id");

    HttpResponse<Buffer> response = server.post("segments/detail?id=" + id, token,
        sql("Mine", "SELECT %fields% FROM %table% WHERE %where%").put("code", "taken"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(stored("code", id)).isEqualTo("mine");
  }
}
