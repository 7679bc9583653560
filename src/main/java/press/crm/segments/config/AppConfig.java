package press.crm.segments.config;

import io.vertx.core.json.JsonObject;

/**
 * The whole validated configuration. Every verticle receives the raw JSON as its deployment
 * config and reads it back through {@link #from(JsonObject)}.
 */
public record AppConfig(
    JsonObject json,
    HttpOptions http,
    DatabaseOptions database,
    AuthOptions auth,
    SegmentsOptions segments,
    EvaluationOptions evaluation,
    RecalculationOptions recalculation,
    LoggingOptions logging) {

  /**
   * Validates everything at once.
   *
   * @throws ConfigException naming the first invalid key
   */
  public static AppConfig from(JsonObject json) {
    ConfigReader root = new ConfigReader(json, "");
    DatabaseOptions database = DatabaseOptions.from(root.section("database"));
    return new AppConfig(
        json.copy(),
        HttpOptions.from(root.section("http")),
        database,
        AuthOptions.from(root.section("auth")),
        SegmentsOptions.from(root.section("segments"), database.schema()),
        EvaluationOptions.from(root.section("evaluation")),
        RecalculationOptions.from(root.section("recalculation")),
        LoggingOptions.from(root.section("logging")));
  }

  /** Only the database part, for commands that need nothing else (migrate). */
  public static DatabaseOptions databaseOnly(JsonObject json) {
    return DatabaseOptions.from(new ConfigReader(json, "").section("database"));
  }

  /** Only the recalculation part, for commands that need no token key (compress-values). */
  public static RecalculationOptions recalculationOnly(JsonObject json) {
    return RecalculationOptions.from(new ConfigReader(json, "").section("recalculation"));
  }
}
