package press.crm.segments.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import press.crm.segments.testing.Await;

/** Precedence: built-in defaults < config file < environment < system properties. */
class ConfigLoaderTest {

  private static Vertx vertx;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  private JsonObject load(Map<String, String> env, Map<String, String> props) {
    return Await.result(new ConfigLoader(env, props).load(vertx));
  }

  private String file(String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file.toString();
  }

  @Test
  void anExplicitlyNamedFileThatIsMissingIsAnError() {
    Throwable failure = Await.failure(new ConfigLoader(
        Map.of("SEGMENTS_CONFIG", "/nonexistent/named.yaml"), Map.of()).load(vertx));

    assertThat(failure).isInstanceOf(ConfigException.class)
        .hasMessageContaining("SEGMENTS_CONFIG").hasMessageContaining("/nonexistent/named.yaml");
  }

  @Test
  void withoutOverridesTheBuiltInDefaultsApply() {
    JsonObject config = load(Map.of(), Map.of());

    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(8080);
    assertThat(config.getJsonObject("recalculation").getString("daily_time")).isEqualTo("04:00");
  }

  @Test
  void theFileOverridesDefaultsAndKeepsTheRest() throws Exception {
    String path = file("recalculation:\n  hourly_minute: 15\n");

    JsonObject config = load(Map.of("SEGMENTS_CONFIG", path), Map.of());

    assertThat(config.getJsonObject("recalculation").getValue("hourly_minute")).isEqualTo(15);
    assertThat(config.getJsonObject("recalculation").getString("daily_time")).isEqualTo("04:00");
  }

  @Test
  void theEnvironmentOverridesTheFileThroughAliasesAndFullNames() throws Exception {
    String path = file("recalculation:\n  hourly_minute: 15\n  daily_time: '02:00'\n");

    JsonObject config = load(Map.of("SEGMENTS_CONFIG", path,
        "SEGMENTS_RECALC_HOURLY_MINUTE", "45",
        "SEGMENTS_RECALCULATION_TIMEZONE", "Europe/Bratislava",
        "SEGMENTS_HTTP_PORT", "9090",
        "SEGMENTS_RECALCULATION_DEFAULT_PERIODICITY", "{\"amount\": 2, \"unit\": \"days\"}"),
        Map.of());

    JsonObject recalculation = config.getJsonObject("recalculation");
    assertThat(recalculation.getValue("hourly_minute")).isEqualTo("45");
    assertThat(recalculation.getString("daily_time")).isEqualTo("02:00");
    assertThat(recalculation.getString("timezone")).isEqualTo("Europe/Bratislava");
    assertThat(recalculation.getJsonObject("default_periodicity").getInteger("amount")).isEqualTo(2);
    assertThat(config.getJsonObject("http").getValue("port")).isEqualTo("9090");
  }

  @Test
  void systemPropertiesOverrideTheEnvironment() {
    JsonObject config = load(Map.of("SEGMENTS_RECALC_DAILY_TIME", "01:00"),
        Map.of("segments.recalculation.daily_time", "03:30"));

    assertThat(config.getJsonObject("recalculation").getString("daily_time")).isEqualTo("03:30");
  }

  @Test
  void overriddenValuesAreValidatedLikeAnyOther() {
    JsonObject config = load(Map.of("SEGMENTS_RECALC_HOURLY_MINUTE", "60",
        "SEGMENTS_JWT_SECRET", "a-secret-long-enough-for-tests"), Map.of());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppConfig.from(config))
        .hasMessageStartingWith("recalculation.hourly_minute:");
  }
}
