package press.crm.segments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import press.crm.segments.segment.Periodicity;
import press.crm.segments.testing.TestConfig;

class AppConfigTest {

  private static JsonObject valid() {
    JsonObject config = TestConfig.defaults();
    config.getJsonObject("auth").getJsonObject("jwt").put("secret", TestConfig.JWT_SECRET);
    return config;
  }

  private static JsonObject with(String key, Object value) {
    JsonObject config = valid();
    String[] path = key.split("\\.");
    JsonObject target = config;
    for (int i = 0; i < path.length - 1; i++) {
      target = target.getJsonObject(path[i]);
    }
    target.put(path[path.length - 1], value);
    return config;
  }

  @Test
  void theDocumentedDefaultsAreValidOnceAKeyIsGiven() {
    AppConfig config = AppConfig.from(valid());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.database().schema()).isEqualTo("segments");
    assertThat(config.recalculation().dailyTime()).isEqualTo(LocalTime.of(4, 0));
    assertThat(config.recalculation().hourlyMinute()).isEqualTo(30);
    assertThat(config.recalculation().timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.recalculation().defaultPeriodicity())
        .isEqualTo(new Periodicity(6, Periodicity.Unit.HOURS));
    assertThat(config.segments().nesting()).isFalse();
    assertThat(config.segments().forbiddenTables()).contains("segments.*");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "recalculation.daily_time | 25:00",
      "recalculation.daily_time | 4:0x",
      "recalculation.daily_time | 04:60",
      "recalculation.daily_time | 4:00",
      "recalculation.hourly_minute | 60",
      "recalculation.hourly_minute | -1",
      "recalculation.hourly_minute | thirty",
      "recalculation.timezone | Mars/Olympus",
      "recalculation.parallelism | 0",
      "http.port | 70000",
      "database.schema | segments; DROP SCHEMA public",
      "database.url | not a url",
      "evaluation.statement_timeout_ms | 0",
      "logging.level | LOUD",
      "segments.nesting | maybe",
  })
  void anInvalidValueIsRefusedNamingItsKey(String key, String value) {
    assertThatThrownBy(() -> AppConfig.from(with(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ":")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void noTokenKeyAtAllIsRefused() {
    JsonObject config = valid();
    config.getJsonObject("auth").getJsonObject("jwt").putNull("secret");

    assertThatThrownBy(() -> AppConfig.from(config))
        .hasMessageContaining("auth.jwt.secret").hasMessageContaining("SEGMENTS_JWT_SECRET");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> AppConfig.from(with("auth.jwt.secret", "short")))
        .hasMessageStartingWith("auth.jwt.secret:");
  }

  @Test
  void anInvalidDefaultPeriodicityIsRefused() {
    JsonObject config = valid();
    config.getJsonObject("recalculation").put("default_periodicity",
        new JsonObject().put("amount", 0).put("unit", "weeks"));

    assertThatThrownBy(() -> AppConfig.from(config))
        .hasMessageStartingWith("recalculation.default_periodicity:");
  }

  @Test
  void setConfigStaysForbiddenEvenWhenTheOperatorEmptiesTheList() {
    JsonObject config = valid();
    config.getJsonObject("segments").put("forbidden_functions", new io.vertx.core.json.JsonArray());

    assertThat(AppConfig.from(config).segments().forbiddenFunctions()).containsExactly("set_config");
  }

  @Test
  void theUserTableMustBeConfigured() {
    assertThatThrownBy(() -> AppConfig.from(with("segments.user_table", "customers")))
        .hasMessageStartingWith("segments.user_table:");
  }
}
