package press.crm.segments.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.AppConfig;
import press.crm.segments.criteria.CriteriaCompiler;
import press.crm.segments.db.Migrations;
import press.crm.segments.segment.SchemaTables;

/** Prepares a database for the demo: schema, subject tables with fake data, segments. */
public final class DemoSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  /** What seeding did. */
  public record Report(List<String> tablesCreated, List<String> segmentsCreated) {
  }

  private DemoSeeder() {
  }

  /**
   * Migrates the server's schema, creates the demo tables that are absent (with {@code users}
   * users) and inserts the demo segments that are missing.
   */
  public static Future<Report> seed(Vertx vertx, Pool pool, AppConfig config, int users) {
    SchemaTables tables = new SchemaTables(config.database().schema());
    long started = System.nanoTime();
    return Migrations.migrate(vertx, config.database())
        .compose(ignored -> DemoTables.createIfAbsent(pool, users))
        .compose(created -> CriteriaCompiler.load(vertx, config)
            .compose(compiler -> DemoSegments.seed(pool, tables, compiler,
                config.segments().userTable()))
            .map(codes -> new Report(created, codes)))
        .onSuccess(report -> LOG.info("Demo ready in {} ms: tables created {}, segments created {}",
            (System.nanoTime() - started) / 1_000_000, report.tablesCreated(),
            report.segmentsCreated()));
  }
}
