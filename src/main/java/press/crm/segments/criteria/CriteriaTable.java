package press.crm.segments.criteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import press.crm.segments.config.TableOptions;

/** The criteria registered for one table, with the table's metadata from segments.tables. */
public record CriteriaTable(TableOptions options, Map<String, Criterion> criteria) {

  public CriteriaTable {
    criteria = Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
  }

  public String name() {
    return options.name();
  }

  public String primaryKey() {
    return options.primaryKey();
  }

  public Optional<Criterion> criterion(String key) {
    return Optional.ofNullable(criteria.get(key));
  }

  /** {"table", "fields", "criteria": [...]} as segments/criteria shows it. */
  public JsonObject blueprint(List<String> segmentCodes) {
    JsonArray list = new JsonArray();
    criteria.values().forEach(criterion -> list.add(criterion.blueprint(segmentCodes)));
    return new JsonObject()
        .put("table", name())
        .put("fields", new JsonArray(new ArrayList<>(options.fields())))
        .put("criteria", list);
  }
}
