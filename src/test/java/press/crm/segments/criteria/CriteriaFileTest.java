package press.crm.segments.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.ConfigException;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.TestConfig;

class CriteriaFileTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  /** The shipped file with one criterion of the users table changed. */
  private static JsonObject withActive(Consumer<JsonObject> change) {
    JsonObject file = CriteriaFixtures.shippedFile();
    JsonArray criteria = file.getJsonObject("tables").getJsonObject("users")
        .getJsonArray("criteria");
    change.accept(criteria.getJsonObject(0));
    return file;
  }

  private static void assertBroken(JsonObject file, String key, String problem) {
    assertThatThrownBy(() -> CriteriaFile.parse(file, CriteriaFixtures.config(true).segments()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(problem);
  }

  @Test
  void shippedFileRegistersEveryUserCriterionAndSegmentWithNesting() {
    CriteriaRegistry registry = CriteriaFile.parse(CriteriaFixtures.shippedFile(),
        CriteriaFixtures.config(true).segments());

    assertThat(registry.table("users").orElseThrow().criteria().keySet()).containsExactly(
        "active", "email", "source", "created_at", "subscription", "payment", "segment");
    assertThat(CriteriaFile.parse(CriteriaFixtures.shippedFile(),
        CriteriaFixtures.config(false).segments()).table("users").orElseThrow().criteria())
        .doesNotContainKey("segment");
  }

  @Test
  void brokenCriteriaAreNamedByTheirKey() {
    assertBroken(withActive(c -> c.getJsonObject("params").getJsonObject("active")
        .put("type", "money")), "criteria.users.active.params.active.type",
        "unknown parameter type 'money'");
    assertBroken(withActive(c -> c.put("sql", "SELECT id FROM users WHERE active = :activ")),
        "criteria.users.active.sql", "uses undeclared parameter ':activ'");
    assertBroken(withActive(c -> c.put("sql", "SELECT id FROM users WHERE active::text = 'x'")),
        "criteria.users.active.sql", "does not use parameter ':active'");
    assertBroken(withActive(c -> c.put("sql", "SELECT id FROM users; SELECT :active")),
        "criteria.users.active.sql", "without ';'");
    assertBroken(withActive(c -> c.remove("label")), "criteria.users.active.label", "required");
    assertBroken(withActive(c -> c.put("key", "email")), "criteria.users.email.key",
        "duplicate criterion key");
    assertBroken(withActive(c -> c.put("key", "Active!")), "criteria.users.criteria[0].key",
        "plain identifier");
    assertBroken(withActive(c -> c.put("key", "segment")), "criteria.users.segment.key",
        "reserved");
    assertBroken(withActive(c -> c.getJsonObject("params").getJsonObject("active")
        .put("default", "yes")), "criteria.users.active.params.active.default",
        "must be true or false");
    assertBroken(withActive(c -> c.getJsonObject("params").getJsonObject("active")
        .put("expression", "active")), "criteria.users.active.params.active.expression",
        "only number, decimal and datetime");
    assertBroken(withActive(c -> c.getJsonObject("params").getJsonObject("active")
        .put("options", new JsonArray().add("x"))), "criteria.users.active.params.active.options",
        "only string parameters");
  }

  @Test
  void criteriaForATableThatIsNotConfiguredAreRefused() {
    JsonObject file = CriteriaFixtures.shippedFile();
    file.getJsonObject("tables").put("orders", new JsonObject().put("criteria", new JsonArray()));

    assertBroken(file, "criteria.tables.orders", "not configured under segments.tables");
  }

  @Test
  void missingConfiguredFileFallsBackToThePackedDefaults() {
    JsonObject config = config("does/not/exist.yaml");

    CriteriaRegistry registry = Await.result(CriteriaRegistry.load(vertx, AppConfig.from(config)));

    assertThat(registry.table("users").orElseThrow().criteria()).containsKey("payment");
  }

  @Test
  void brokenFileOnDiskFailsTheLoadWithTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("criteria.yaml");
    Files.writeString(file, """
        tables:
          users:
            criteria:
              - key: vip
                label: VIP
                category: Users
                params:
                  level: {type: number}
                sql: SELECT id FROM users WHERE vip_level >= :levle
        """);

    Throwable failure = Await.failure(CriteriaCompiler.load(vertx,
        AppConfig.from(config(file.toString()))));

    assertThat(failure).isInstanceOf(ConfigException.class)
        .hasMessage("criteria.users.vip.sql: uses undeclared parameter ':levle'");
  }

  @Test
  void ownFileOnDiskReplacesTheShippedCriteria(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("criteria.yaml");
    Files.writeString(file, """
        tables:
          users:
            criteria:
              - key: vip
                label: VIP
                category: Users
                params:
                  level: {type: number, required: true}
                sql: SELECT id FROM users WHERE vip_level >= :level
        """);

    CriteriaCompiler compiler = Await.result(CriteriaCompiler.load(vertx,
        AppConfig.from(config(file.toString()))));

    assertThat(compiler.compile("users", CriteriaFixtures.tree(CriteriaFixtures.leaf("vip",
        false, new JsonObject().put("level", 3)))).sql()).contains("vip_level >= 3");
  }

  @Test
  void unreadableYamlNamesTheFileKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("criteria.yaml");
    Files.writeString(file, "tables: [unclosed");

    Throwable failure = Await.failure(CriteriaRegistry.load(vertx,
        AppConfig.from(config(file.toString()))));

    assertThat(failure).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("segments.criteria_file: cannot read");
  }

  private static JsonObject config(String criteriaFile) {
    JsonObject json = TestConfig.defaults();
    json.getJsonObject("auth").getJsonObject("jwt").put("secret", TestConfig.JWT_SECRET);
    json.getJsonObject("segments").put("criteria_file", criteriaFile);
    return json;
  }
}
