package press.crm.segments.cli;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import press.crm.segments.Server;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;

/** Runs the server until SIGTERM, then drains it within the configured grace period. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the segment server (the default command).")
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Override
  public Integer call() {
    Vertx vertx = ServerVertx.create();
    try {
      AppConfig config = AppConfig.from(Cli.loadConfig(vertx));
      LoggingSetup.apply(config.logging());
      run(vertx, config);
      return 0;
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Starts the server and arranges for a graceful stop on SIGTERM. */
  static Server run(Vertx vertx, AppConfig config) {
    Server server = Cli.await(Server.start(vertx, config), Duration.ofMinutes(5));
    Duration grace = Duration.ofSeconds(config.http().shutdownGraceSeconds() + 5L);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Shutting down, waiting up to {}s for in-flight work", grace.toSeconds());
      try {
        Cli.await(server.stop().compose(ignored -> vertx.close()), grace);
      } catch (RuntimeException e) {
        LOG.warn("Shutdown did not finish cleanly", e);
      }
    }, "shutdown"));
    return server;
  }
}
