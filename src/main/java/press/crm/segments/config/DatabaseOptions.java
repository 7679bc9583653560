package press.crm.segments.config;

import io.vertx.pgclient.PgConnectOptions;

/** The PostgreSQL database that holds the server's own tables and the business's tables. */
public record DatabaseOptions(
    String url, int poolSize, String schema, boolean migrateOnStart, int connectTimeoutSeconds) {

  public DatabaseOptions withPoolSize(int size) {
    return new DatabaseOptions(url, size, schema, migrateOnStart, connectTimeoutSeconds);
  }

  static DatabaseOptions from(ConfigReader db) {
    String url = db.string("url");
    try {
      PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new ConfigException(db.key("url"),
          "must look like postgresql://user:password@host:port/database");
    }
    return new DatabaseOptions(
        url,
        db.integer("pool_size", 1, 1000),
        db.identifier("schema"),
        db.bool("migrate_on_start"),
        db.integer("connect_timeout_seconds", 1, 600));
  }
}
