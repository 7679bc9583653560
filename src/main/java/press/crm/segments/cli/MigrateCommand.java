package press.crm.segments.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.DatabaseOptions;
import press.crm.segments.db.Migrations;

/** Applies pending schema migrations and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Apply pending database migrations to the server's schema and exit.")
public final class MigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      DatabaseOptions database = AppConfig.databaseOnly(Cli.loadConfig(vertx));
      int applied = Migrations.migrateBlocking(database);
      System.out.println("Applied " + applied + " migration(s) to schema " + database.schema());
      return 0;
    } finally {
      vertx.close();
    }
  }
}
