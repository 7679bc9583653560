package press.crm.segments.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.DatabaseOptions;

/** Applies the server's Flyway migrations to its own schema, off the event loop. */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static Future<Integer> migrate(Vertx vertx, DatabaseOptions options) {
    return vertx.executeBlocking(() -> migrateBlocking(options), false);
  }

  /** Runs the migrations on the calling thread, which must not be an event loop. */
  public static int migrateBlocking(DatabaseOptions options) {
    MigrateResult result = flyway(options).migrate();
    if (result.migrationsExecuted == 0) {
      LOG.info("Schema {} is up to date", options.schema());
    } else {
      LOG.info("Schema {} migrated: {} migration(s) applied, now at version {}",
          options.schema(), result.migrationsExecuted, result.targetSchemaVersion);
    }
    return result.migrationsExecuted;
  }

  /** Whether every known migration has been applied; blocking. */
  public static boolean isUpToDateBlocking(DatabaseOptions options) {
    MigrationInfo[] pending = flyway(options).info().pending();
    return pending.length == 0;
  }

  /** How many versioned migrations the server ships; blocking (Flyway reads the database). */
  public static int knownCountBlocking(DatabaseOptions options) {
    int count = 0;
    for (MigrationInfo info : flyway(options).info().all()) {
      if (info.getVersion() != null && !info.getType().isSynthetic()) {
        count++;
      }
    }
    return count;
  }

  private static Flyway flyway(DatabaseOptions options) {
    JdbcUrl jdbc = JdbcUrl.of(options.url());
    return Flyway.configure()
        .dataSource(jdbc.url(), jdbc.user(), jdbc.password())
        .schemas(options.schema())
        .defaultSchema(options.schema())
        .createSchemas(true)
        .placeholders(Map.of("schema", options.schema()))
        .locations("classpath:db/migration")
        .load();
  }
}
