package press.crm.segments.criteria;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.config.AppConfig;

/** Compiles version-2 criteria trees into SQL. */
public interface CriteriaCompiler {

  /**
   * Compiles {@code criteria} for {@code tableName}.
   *
   * @throws SegmentsException with {@code INVALID} and a message naming the problem
   */
  CompiledCriteria compile(String tableName, JsonObject criteria);

  /** Loads the configured criteria (segments.criteria_file) and returns their compiler. */
  static Future<CriteriaCompiler> load(Vertx vertx, AppConfig config) {
    return CriteriaRegistry.load(vertx, config).map(SqlCriteriaCompiler::new);
  }
}
