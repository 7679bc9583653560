package press.crm.segments.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.DatabaseOptions;
import press.crm.segments.db.Database;
import press.crm.segments.http.auth.RevocationStore;
import press.crm.segments.segment.SchemaTables;

/** Revokes a token by its jti; every running instance refuses it within seconds. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke a bearer token by its id (jti). Running servers refuse it at once.")
public final class RevokeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--jti", required = true, description = "The id of the token to revoke.")
  private String jti;

  @Override
  public Integer call() {
    if (jti.isBlank() || jti.length() > 255) {
      spec.commandLine().getErr().println("--jti must be between 1 and 255 characters");
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    try {
      DatabaseOptions database = AppConfig.databaseOnly(Cli.loadConfig(vertx));
      Pool pool = Database.pool(vertx, database, "revoke");
      RevocationStore store = new RevocationStore(new SchemaTables(database.schema()));
      try {
        Cli.await(store.revoke(pool, jti.trim(), null).eventually(pool::close),
            Duration.ofSeconds(30));
      } catch (IllegalStateException | VertxException e) {
        spec.commandLine().getErr().println("Revoking failed (is the schema migrated?): "
            + e.getMessage());
        return 1;
      }
      spec.commandLine().getOut().println("Revoked token " + jti.trim());
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      vertx.close();
    }
  }
}
