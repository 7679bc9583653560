package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * Runs segment queries in a READ ONLY transaction with a statement_timeout, so a segment can
 * neither write nor hang the server. The transaction mode is fixed at BEGIN, so nothing a
 * segment query does can lift it.
 */
public final class ReadOnlyTransactions {

  private final Pool pool;
  private final String begin;

  public ReadOnlyTransactions(Pool pool, int statementTimeoutMs) {
    this.pool = pool;
    this.begin = "BEGIN READ ONLY; SET LOCAL statement_timeout = " + statementTimeoutMs;
  }

  /** Runs {@code work} on a connection inside the transaction and always ends it. */
  public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> begin(conn)
        .compose(ignored -> work.apply(conn))
        .eventually(() -> conn.query("ROLLBACK").execute()));
  }

  /** Starts the transaction on a connection the caller owns and must end with {@link #end}. */
  public Future<Void> begin(SqlConnection conn) {
    return conn.query(begin).execute().mapEmpty();
  }

  public static Future<Void> end(SqlConnection conn) {
    return conn.query("ROLLBACK").execute().mapEmpty();
  }

  public Pool pool() {
    return pool;
  }
}
