package press.crm.segments.criteria;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import press.crm.segments.config.AppConfig;

/** Every table's criteria, read once from the criteria file and validated. */
public final class CriteriaRegistry {

  private final Map<String, CriteriaTable> tables;
  private final String userTable;
  private final boolean nesting;

  CriteriaRegistry(Map<String, CriteriaTable> tables, String userTable, boolean nesting) {
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    this.userTable = userTable;
    this.nesting = nesting;
  }

  /**
   * Reads segments.criteria_file (or the copy packed into the jar when that file does not
   * exist) without blocking, and validates it.
   *
   * @return a future failed with a ConfigException naming the broken criterion
   */
  public static Future<CriteriaRegistry> load(Vertx vertx, AppConfig config) {
    return CriteriaFile.read(vertx, config.segments());
  }

  public Optional<CriteriaTable> table(String name) {
    return Optional.ofNullable(name == null ? null : tables.get(name));
  }

  public Map<String, CriteriaTable> tables() {
    return tables;
  }

  public String userTable() {
    return userTable;
  }

  /** Whether the {@code segment} criterion is registered (segments.nesting). */
  public boolean nesting() {
    return nesting;
  }

  /** The segments/criteria blueprint; {@code segmentCodes} feed the segment criterion. */
  public JsonArray blueprint(List<String> segmentCodes) {
    JsonArray blueprint = new JsonArray();
    tables.values().forEach(table -> blueprint.add(table.blueprint(segmentCodes)));
    return blueprint;
  }
}
