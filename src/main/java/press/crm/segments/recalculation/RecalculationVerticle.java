package press.crm.segments.recalculation;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.ServerVertx;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.DatabaseOptions;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.db.Database;
import press.crm.segments.segment.SchemaTables;

/** Wakes on a timer, finds the due segments and has the evaluation verticle recount them. */
public final class RecalculationVerticle extends VerticleBase {

  /** Gauge: how many segments were due at the last tick of this instance. */
  public static final String DUE_GAUGE = "segments.recalculation.due";

  private static final Logger LOG = LoggerFactory.getLogger(RecalculationVerticle.class);

  /** Slack on top of the statement timeout for the evaluation verticle to get a connection. */
  private static final long REPLY_SLACK_MS = 5_000;

  private final Clock clock;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong completedPasses = new AtomicLong();
  private Gauge dueGauge;
  private Pool pool;
  private RecalculationPass pass;
  private long timer = -1;
  private boolean passRunning;
  private boolean stopping;
  private boolean ticksFailing;
  private Future<Void> inFlight = Future.succeededFuture();

  public RecalculationVerticle() {
    this(Clock.systemUTC());
  }

  /** With another clock, for tests that need to be at a given time of day. */
  public RecalculationVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.from(config());
    RecalculationOptions options = config.recalculation();

    // Each recalculation in flight holds one connection (its advisory lock), so the pool size
    // is the parallelism, which never exceeds database.pool_size.
    int parallelism = Math.min(options.parallelism(), config.database().poolSize());
    DatabaseOptions db = config.database();
    pool = Database.pool(vertx,
        new DatabaseOptions(db.url(), parallelism, db.schema(), false, db.connectTimeoutSeconds()),
        "segments-recalculation");

    ScheduledSegments segments = new ScheduledSegments(new SchemaTables(db.schema()));
    long replyTimeout = config.evaluation().statementTimeoutMs()
        + db.connectTimeoutSeconds() * 1000L + REPLY_SLACK_MS;
    pass = new RecalculationPass(vertx.eventBus(), pool, segments,
        new SegmentClaims(pool, segments, options, clock), options, parallelism, replyTimeout,
        clock);

    dueGauge = Gauge.builder(DUE_GAUGE, due, AtomicLong::get)
        .description("Segments due for recalculation at the last tick")
        .strongReference(true)
        .register(ServerVertx.meters());
    long tickMs = options.tickSeconds() * 1000L;
    timer = vertx.setPeriodic(1, tickMs, id -> tick());
    LOG.info("Recalculation timer started: every {}s, {} at a time, times in {}",
        options.tickSeconds(), parallelism, options.timezone());
    return Future.succeededFuture();
  }

  /** Ticks never overlap: while a pass runs, further ticks are skipped. */
  private void tick() {
    if (passRunning || stopping) {
      LOG.debug("Recalculation tick skipped: the previous pass is still running");
      return;
    }
    passRunning = true;
    inFlight = pass.due()
        .compose(segments -> {
          due.set(segments.size());
          if (!segments.isEmpty()) {
            LOG.debug("{} segment(s) due for recalculation", segments.size());
          }
          return pass.run(segments, () -> !stopping);
        })
        .onComplete(result -> noteHealth(result.cause()))
        .otherwiseEmpty();
    inFlight.onComplete(ignored -> {
      passRunning = false;
      completedPasses.incrementAndGet();
    });
  }

  /** One warning when ticks start failing (database gone) and one line when they recover. */
  private void noteHealth(Throwable failure) {
    if (failure != null && !ticksFailing) {
      LOG.warn("Recalculation ticks are failing, retrying every tick: {}", failure.getMessage());
    } else if (failure != null) {
      LOG.debug("Recalculation tick failed again: {}", failure.getMessage());
    } else if (ticksFailing) {
      LOG.info("Recalculation ticks work again");
    }
    ticksFailing = failure != null;
  }

  /** How many passes this instance has finished, successful or not; read from any thread. */
  public long completedPasses() {
    return completedPasses.get();
  }

  /** Starts nothing new, lets the recalculations in flight finish, then closes the pool. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return inFlight
        .compose(ignored -> pool.close())
        .onComplete(ignored -> ServerVertx.meters().remove(dueGauge));
  }
}
