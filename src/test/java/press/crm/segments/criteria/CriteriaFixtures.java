package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import press.crm.segments.config.AppConfig;
import press.crm.segments.testing.TestConfig;

/** The shipped criteria, criteria trees in a few words, and placeholder expansion for tests. */
public final class CriteriaFixtures {

  private CriteriaFixtures() {
  }

  /** The defaults with a JWT secret and nesting switched as asked. */
  public static AppConfig config(boolean nesting) {
    JsonObject json = TestConfig.defaults();
    json.getJsonObject("auth").getJsonObject("jwt").put("secret", TestConfig.JWT_SECRET);
    json.getJsonObject("segments").put("nesting", nesting);
    return AppConfig.from(json);
  }

  /** conf/criteria.yaml as packed into the jar, parsed synchronously. */
  public static JsonObject shippedFile() {
    try (InputStream in = CriteriaFixtures.class.getClassLoader()
        .getResourceAsStream(CriteriaFile.DEFAULTS_RESOURCE)) {
      Map<String, Object> map = new Yaml().load(in);
      return new JsonObject(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SqlCriteriaCompiler compiler(boolean nesting) {
    AppConfig config = config(nesting);
    return new SqlCriteriaCompiler(CriteriaFile.parse(shippedFile(), config.segments()));
  }

  /** A criteria node. */
  public static JsonObject leaf(String key, boolean negation, JsonObject values) {
    return new JsonObject().put("type", "criteria").put("key", key).put("negation", negation)
        .put("values", values);
  }

  public static JsonObject op(String operator, JsonObject... nodes) {
    return new JsonObject().put("type", "operator").put("operator", operator)
        .put("nodes", new JsonArray(java.util.List.of((Object[]) nodes)));
  }

  /** A tree whose root holds these nodes. */
  public static JsonObject tree(JsonObject... nodes) {
    return new JsonObject().put("version", "1")
        .put("nodes", new JsonArray(java.util.List.of((Object[]) nodes)));
  }

  /**
   * What the evaluation does to a version-1 query before running it, for the users table and
   * the field users.id: enough to run compiled SQL directly in PostgreSQL.
   */
  public static String expand(String sql, Map<String, String> segments) {
    String expanded = sql.replace("%fields%", "users.id").replace("%group_by%", "users.id")
        .replace("%where%", "1=1");
    for (Map.Entry<String, String> segment : segments.entrySet()) {
      expanded = expanded.replace("%segment." + segment.getKey() + "%",
          expand(segment.getValue(), Map.of()));
    }
    return expanded.replace("%table%", "users");
  }

  /** A query counting the distinct members of a compiled segment. */
  public static String countQuery(String sql, Map<String, String> segments) {
    return "SELECT count(DISTINCT id) FROM (" + expand(sql, segments) + ") q";
  }
}
