package press.crm.segments.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the configuration with vertx-config: built-in defaults, then the config file, then the
 * environment, then system properties. Values are validated separately by {@link AppConfig}.
 */
public final class ConfigLoader {

  /** The defaults packed into the jar: the documented conf/config.yaml. */
  public static final String DEFAULTS_RESOURCE = "defaults/config.yaml";
  public static final String CONFIG_ENV = "SEGMENTS_CONFIG";
  public static final String DEFAULT_CONFIG_FILE = "conf/config.yaml";

  private final Map<String, String> env;
  private final Map<String, String> properties;

  public ConfigLoader(Map<String, String> env, Map<String, String> properties) {
    this.env = Map.copyOf(env);
    this.properties = Map.copyOf(properties);
  }

  public static ConfigLoader fromProcess() {
    Map<String, String> props = new HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
    return new ConfigLoader(System.getenv(), props);
  }

  public Future<JsonObject> load(Vertx vertx) {
    String file = env.getOrDefault(CONFIG_ENV, DEFAULT_CONFIG_FILE);
    boolean explicit = env.containsKey(CONFIG_ENV);
    return read(vertx, yaml(DEFAULTS_RESOURCE, false)).compose(defaults ->
        vertx.fileSystem().exists(file).compose(exists -> {
          if (!exists && !explicit) {
            return Future.succeededFuture(merge(defaults, new JsonObject()));
          }
          return read(vertx, yaml(file, false))
              .recover(e -> Future.failedFuture(new ConfigException(
                  CONFIG_ENV, "cannot read '" + file + "': " + e.getMessage())))
              .map(fromFile -> merge(defaults, fromFile));
        }));
  }

  private JsonObject merge(JsonObject defaults, JsonObject fromFile) {
    JsonObject merged = defaults.copy().mergeIn(fromFile, true);
    return Overrides.apply(merged, defaults, env, properties);
  }

  private static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }

  private static Future<JsonObject> read(Vertx vertx, ConfigStoreOptions store) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setIncludeDefaultStores(false).addStore(store)
            .setScanPeriod(-1));
    return retriever.getConfig().andThen(ignored -> retriever.close());
  }
}
