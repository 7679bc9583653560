package press.crm.segments.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import press.crm.segments.config.AppConfig;
import press.crm.segments.testing.Await;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

/** The README's "Adding a criterion for your own table" example, as an operator would do it. */
class OwnTableCriterionTest {

  private static final String CRITERIA = """
      tables:
        users:
          criteria:
            - key: newsletter_consent
              label: Newsletter consent
              category: Newsletters
              params:
                newsletter:
                  type: string_array
                  required: true
                  label: Newsletter
                  options: [daily, weekly, offers]
                consented_at:
                  type: datetime
                  label: Consented
                  help: When the consent was given; empty for any time
                  expression: consented_at
                revoked:
                  type: boolean
                  default: false
                  label: Revoked since
              fields: [last_consent]
              sql: >-
                SELECT user_id AS id, max(consented_at) AS last_consent
                FROM newsletter_consents
                WHERE newsletter = ANY(:newsletter) AND :consented_at
                AND (revoked_at IS NOT NULL) = :revoked
                GROUP BY user_id
      """;

  private static TestDatabase db;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    db.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL)");
    db.execute("INSERT INTO users SELECT g, 'u' || g || '@example.com'"
        + " FROM generate_series(1, 6) g");
    db.execute("CREATE TABLE newsletter_consents (user_id BIGINT NOT NULL,"
        + " newsletter TEXT NOT NULL, consented_at TIMESTAMPTZ NOT NULL,"
        + " revoked_at TIMESTAMPTZ)");
    db.execute("INSERT INTO newsletter_consents VALUES"
        + " (1, 'weekly', now() - INTERVAL '1 month', NULL),"
        + " (2, 'weekly', now() - INTERVAL '2 years', NULL),"
        + " (3, 'weekly', now() - INTERVAL '1 month', now()),"
        + " (4, 'daily', now() - INTERVAL '1 month', NULL),"
        + " (5, 'weekly', now() - INTERVAL '3 days', NULL),"
        + " (5, 'offers', now() - INTERVAL '3 days', NULL)");
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  @Test
  void readmeExampleSelectsRecentStillValidConsents(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("criteria.yaml");
    Files.writeString(file, CRITERIA);
    JsonObject json = TestConfig.forDatabase(db);
    json.getJsonObject("segments").put("criteria_file", file.toString());
    CriteriaCompiler compiler = Await.result(CriteriaCompiler.load(vertx, AppConfig.from(json)));
    JsonObject criteria = new JsonObject("""
        {"version": "1", "nodes": [{"type": "criteria", "key": "newsletter_consent",
          "values": {"newsletter": ["weekly"],
                     "consented_at": {"gte": {"unit": "month", "value": -6}}}}]}""");

    CompiledCriteria compiled = compiler.compile("users", criteria);
    String ids = db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM ("
        + CriteriaFixtures.expand(compiled.sql(), Map.of()) + ") q");

    assertThat(ids).isEqualTo("1,5");
    assertThat(compiled.suggestedName()).isEqualTo("Newsletter consent");
  }
}
