package press.crm.segments.db;

import io.vertx.pgclient.PgConnectOptions;

/** The JDBC form of the configured database URL, for Flyway (the only JDBC user). */
public record JdbcUrl(String url, String user, String password) {

  public static JdbcUrl of(String postgresUri) {
    PgConnectOptions options = PgConnectOptions.fromUri(postgresUri);
    String url = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase();
    return new JdbcUrl(url, options.getUser(), options.getPassword());
  }
}
