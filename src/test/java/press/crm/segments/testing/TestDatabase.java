package press.crm.segments.testing;

import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for one test class, dropped by {@link #close()}. The server comes
 * from SEGMENTS_TEST_DB_URL when set, otherwise from a Testcontainers PostgreSQL when Docker is
 * available; without either, tests fail with a message saying how to provide one.
 */
public final class TestDatabase implements AutoCloseable {

  public static final String URL_ENV = "SEGMENTS_TEST_DB_URL";

  private static String adminUrl;

  private final String name;
  private final String url;

  private TestDatabase(String name, String url) {
    this.name = name;
    this.url = url;
  }

  public static TestDatabase create() {
    String admin = adminUrl();
    String name = "segtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(admin, "CREATE DATABASE " + name);
    PgConnectOptions options = PgConnectOptions.fromUri(admin);
    return new TestDatabase(name, withDatabase(options, name));
  }

  /** postgresql://user[:password]@host:port/database of this test's own database. */
  public String url() {
    return url;
  }

  public String name() {
    return name;
  }

  /** Runs SQL statements (fixtures, assertions on stored state) over JDBC. */
  public void execute(String sql) {
    execute(url, sql);
  }

  public long queryLong(String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String queryString(String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs SQL on the server's admin database, e.g. to make a test database refuse sessions. */
  public static void admin(String sql) {
    execute(adminUrl(), sql);
  }

  @Override
  public void close() {
    execute(adminUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static synchronized String adminUrl() {
    if (adminUrl != null) {
      return adminUrl;
    }
    String fromEnv = System.getenv(URL_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      adminUrl = fromEnv.trim();
    } else if (dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
      container.start();
      adminUrl = "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@"
          + container.getHost() + ":" + container.getMappedPort(5432) + "/"
          + container.getDatabaseName();
    } else {
      throw new IllegalStateException("Tests need PostgreSQL: set " + URL_ENV
          + "=postgresql://user@host:5432/database (a user allowed to CREATE DATABASE),"
          + " or make a Docker engine available for Testcontainers.");
    }
    return adminUrl;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static String withDatabase(PgConnectOptions options, String database) {
    String credentials = options.getUser()
        + (options.getPassword() == null || options.getPassword().isEmpty()
            ? "" : ":" + options.getPassword());
    return "postgresql://" + credentials + "@" + options.getHost() + ":" + options.getPort()
        + "/" + database;
  }

  private static void execute(String url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    String jdbc = String.format(Locale.ROOT, "jdbc:postgresql://%s:%d/%s", options.getHost(),
        options.getPort(), options.getDatabase());
    return DriverManager.getConnection(jdbc, options.getUser(), options.getPassword());
  }
}
