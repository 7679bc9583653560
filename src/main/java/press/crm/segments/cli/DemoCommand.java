package press.crm.segments.cli;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Database;
import press.crm.segments.demo.DemoSeeder;

/** Creates demo subject tables and segments when they are absent, then serves. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create REMP-like demo tables (users, subscriptions, payments) with fake data"
        + " and REMP's default segments when absent, then run the server.")
public final class DemoCommand implements Callable<Integer> {

  static final int MAX_USERS = 10_000_000;

  @Spec
  private CommandSpec spec;

  @Option(names = "--users", defaultValue = "100000",
      description = "Number of demo users to generate (default: ${DEFAULT-VALUE}).")
  private int users;

  @Override
  public Integer call() {
    if (users < 1 || users > MAX_USERS) {
      throw new ParameterException(spec.commandLine(),
          "--users must be between 1 and " + MAX_USERS + ", got " + users);
    }
    Vertx vertx = ServerVertx.create();
    try {
      AppConfig config = AppConfig.from(Cli.loadConfig(vertx));
      LoggingSetup.apply(config.logging());
      Pool pool = Database.pool(vertx, config.database(), "demo");
      Cli.await(DemoSeeder.seed(vertx, pool, config, users)
          .eventually(() -> pool.close()), Duration.ofMinutes(10));
      ServeCommand.run(vertx, config);
      return 0;
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }
}
