package press.crm.segments.cli;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.ConfigException;
import press.crm.segments.db.Database;
import press.crm.segments.evaluation.EvaluationVerticle;
import press.crm.segments.recalculation.BoundedParallel;
import press.crm.segments.recalculation.ScheduledSegment;
import press.crm.segments.recalculation.ScheduledSegments;
import press.crm.segments.segment.SchemaTables;

/** Recalculates one segment, or all of them, right now, whatever their schedule says. */
@Command(name = "recalculate", mixinStandardHelpOptions = true,
    description = {"Recalculate a segment (or every non-deleted segment) now and exit.",
        "Prints code, count and seconds per segment; exits 0 only if every one succeeded."})
public final class RecalculateCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--code", paramLabel = "CODE",
      description = "The segment to recalculate; without it, every non-deleted segment.")
  private String code;

  private final Function<Vertx, JsonObject> configSource;

  public RecalculateCommand() {
    this(Cli::loadConfig);
  }

  /** With the configuration from elsewhere, for tests. */
  RecalculateCommand(Function<Vertx, JsonObject> configSource) {
    this.configSource = configSource;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (code != null && code.isBlank()) {
      err.println("--code must not be empty");
      return CompressValuesCommand.USAGE_ERROR;
    }

    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.from(configSource.apply(vertx));
      return Cli.await(run(vertx, config), Duration.ofDays(1));
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      err.println("recalculate failed: " + Cli.reason(e));
      return 1;
    } finally {
      Cli.await(vertx.close(), Duration.ofSeconds(30));
    }
  }

  private Future<Integer> run(Vertx vertx, AppConfig config) {
    int parallelism = Math.min(config.recalculation().parallelism(),
        config.database().poolSize());
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(
        config.evaluation().statementTimeoutMs() + config.database().connectTimeoutSeconds()
            * 1000L + 5_000);
    AtomicInteger failures = new AtomicInteger();

    return vertx.deployVerticle(EvaluationVerticle.class.getName(),
            new DeploymentOptions().setConfig(config.json()))
        .compose(ignored -> codes(vertx, config))
        .compose(codes -> BoundedParallel.forEach(codes, parallelism, () -> true,
                segment -> recalculate(vertx, segment, delivery, failures))
            .map(ignored -> {
              spec.commandLine().getOut().println("Recalculated "
                  + (codes.size() - failures.get()) + " of " + codes.size() + " segment(s)");
              return failures.get() == 0 ? 0 : 1;
            }));
  }

  /** The requested code, or every non-deleted segment's. */
  private Future<List<String>> codes(Vertx vertx, AppConfig config) {
    if (code != null) {
      return Future.succeededFuture(List.of(code.trim()));
    }
    Pool pool = Database.pool(vertx, config.database(), "recalculate-command");
    return new ScheduledSegments(new SchemaTables(config.database().schema())).all(pool)
        .map(segments -> segments.stream().map(ScheduledSegment::code).toList())
        .eventually(pool::close);
  }

  private Future<Void> recalculate(Vertx vertx, String segment, DeliveryOptions delivery,
      AtomicInteger failures) {
    JsonObject request = new JsonObject().put(Fields.CODE, segment);
    return vertx.eventBus().<JsonObject>request(BusContract.RECALCULATE, request, delivery)
        .map(reply -> {
          JsonObject body = reply.body();
          spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s\t%d\t%.3fs",
              segment, body.getLong(Fields.COUNT), body.getDouble(Fields.TIME)));
          return (Void) null;
        })
        .recover(e -> {
          failures.incrementAndGet();
          spec.commandLine().getErr().println(segment + "\tFAILED\t" + e.getMessage());
          return Future.succeededFuture();
        });
  }
}
