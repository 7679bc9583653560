package press.crm.segments.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.AppConfig;
import press.crm.segments.config.DatabaseOptions;
import press.crm.segments.testing.TestConfig;
import press.crm.segments.testing.TestDatabase;

class MigrationsTest {

  private TestDatabase db;
  private DatabaseOptions options;

  @BeforeEach
  void createDatabase() {
    db = TestDatabase.create();
    options = AppConfig.databaseOnly(TestConfig.forDatabase(db));
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void anEmptyDatabaseGetsEveryTableInTheServersOwnSchema() {
    int applied = Migrations.migrateBlocking(options);

    assertThat(applied).isEqualTo(Migrations.knownCountBlocking(options));
    assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables"
        + " WHERE table_schema = 'segments' AND table_name IN"
        + " ('segments', 'segment_groups', 'segments_values')")).isEqualTo(3);
    assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables"
        + " WHERE table_schema = 'public'")).isZero();
    assertThat(Migrations.isUpToDateBlocking(options)).isTrue();
  }

  @Test
  void migratingAnAlreadyMigratedDatabaseChangesNothing() {
    Migrations.migrateBlocking(options);
    db.execute("INSERT INTO segments.segment_groups (name, code) VALUES ('Kept', 'kept')");

    int applied = Migrations.migrateBlocking(options);

    assertThat(applied).isZero();
    assertThat(db.queryString("SELECT name FROM segments.segment_groups WHERE code = 'kept'"))
        .isEqualTo("Kept");
  }

  @Test
  void aDifferentSchemaNameIsHonoured() {
    DatabaseOptions custom = new DatabaseOptions(options.url(), 2, "crm_own", true, 5);

    Migrations.migrateBlocking(custom);

    assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables"
        + " WHERE table_schema = 'crm_own' AND table_name = 'segments'")).isEqualTo(1);
  }
}
