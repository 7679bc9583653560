package press.crm.segments.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import press.crm.segments.config.ConfigLoader;

/** The built-in defaults with what every test needs: its database, port 0, a JWT secret. */
public final class TestConfig {

  public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256";

  private TestConfig() {
  }

  public static JsonObject defaults() {
    try (InputStream in = TestConfig.class.getClassLoader()
        .getResourceAsStream(ConfigLoader.DEFAULTS_RESOURCE)) {
      Map<String, Object> map = new Yaml().load(in);
      return new JsonObject(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Defaults pointed at {@code db}, listening on a free port, timer off, one evaluator. */
  public static JsonObject forDatabase(TestDatabase db) {
    JsonObject config = defaults();
    config.getJsonObject("http").put("port", 0).put("shutdown_grace_seconds", 1);
    config.getJsonObject("database").put("url", db.url()).put("pool_size", 4);
    config.getJsonObject("auth").getJsonObject("jwt").put("secret", JWT_SECRET);
    config.getJsonObject("recalculation").put("enabled", false);
    config.getJsonObject("evaluation").put("instances", 1);
    return config;
  }
}
