package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * The pool segment queries run on. Its connections start with
 * {@code default_transaction_read_only=on} and a {@code statement_timeout} (see
 * {@code Database.readOnlyPool}), so every statement — a single check as much as a long
 * cursor — can neither write nor run forever, and a membership check costs one round trip.
 * The only way a query could lift those settings is {@code set_config()}, which validation
 * always refuses.
 */
public final class ReadOnlyTransactions {

  private final Pool pool;

  public ReadOnlyTransactions(Pool pool) {
    this.pool = pool;
  }

  /** Runs {@code work} on a pooled connection; each statement is its own read-only transaction. */
  public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(work);
  }

  /** Starts an explicit read-only transaction, for cursors; end it with {@link #end}. */
  public Future<Void> begin(SqlConnection conn) {
    return conn.query("BEGIN READ ONLY").execute().mapEmpty();
  }

  public static Future<Void> end(SqlConnection conn) {
    return conn.query("ROLLBACK").execute().mapEmpty();
  }

  public Pool pool() {
    return pool;
  }
}
