package press.crm.segments.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.ConfigException;
import press.crm.segments.config.DatabaseOptions;
import press.crm.segments.db.Database;
import press.crm.segments.recalculation.ValuesCompression;
import press.crm.segments.segment.SchemaTables;

/** Keeps one recorded size per segment per hour for a range of days, and every daily maximum. */
@Command(name = "compress-values", mixinStandardHelpOptions = true,
    description = {"Thin out segments_values between two days (inclusive, in"
        + " recalculation.timezone): per segment and hour keep only the highest value, so the"
        + " per-day maxima that daily-count-stats reports do not change.",
        "Runs as one transaction and exits 0; invalid dates exit 2."})
public final class CompressValuesCommand implements Callable<Integer> {

  static final int USAGE_ERROR = 2;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  @Spec
  private CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD",
      description = "First day to compress.")
  private String from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
      description = "Last day to compress.")
  private String to;

  private final Function<Vertx, JsonObject> configSource;

  public CompressValuesCommand() {
    this(Cli::loadConfig);
  }

  /** With the configuration from elsewhere, for tests. */
  CompressValuesCommand(Function<Vertx, JsonObject> configSource) {
    this.configSource = configSource;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    LocalDate first = date("--from", from, err);
    LocalDate last = date("--to", to, err);
    if (first == null || last == null) {
      return USAGE_ERROR;
    }
    if (first.isAfter(last)) {
      err.println("--from (" + first + ") must not be after --to (" + last + ")");
      return USAGE_ERROR;
    }

    Vertx vertx = Vertx.vertx();
    try {
      // Only what this command uses is validated: it needs no token key, for one.
      JsonObject json = configSource.apply(vertx);
      DatabaseOptions database = AppConfig.databaseOnly(json);
      ZoneId zone = AppConfig.recalculationOnly(json).timezone();
      Pool pool = Database.pool(vertx, database, "compress-values");
      var compression = new ValuesCompression(new SchemaTables(database.schema()));
      int deleted = Cli.await(compression.compress(pool, first, last, zone)
          .eventually(pool::close), Duration.ofHours(6));
      spec.commandLine().getOut().println("Compressed segments_values from " + first + " to "
          + last + " (" + zone + "): deleted " + deleted
          + " row(s), kept the highest value per segment and hour");
      return 0;
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      err.println("compress-values failed, nothing was deleted: " + Cli.reason(e));
      return 1;
    } finally {
      Cli.await(vertx.close(), Duration.ofSeconds(30));
    }
  }

  private static LocalDate date(String option, String value, PrintWriter err) {
    if (value != null && DATE.matcher(value).matches()) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeException e) {
        // Falls through to the message: the shape is right but the day does not exist.
      }
    }
    err.println(option + " must be a date YYYY-MM-DD, got '" + value + "'");
    return null;
  }
}
