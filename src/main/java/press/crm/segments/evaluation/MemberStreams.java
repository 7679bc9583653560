package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract;
import press.crm.segments.bus.BusContract.Fields;

/**
 * Member streams: each one holds a PostgreSQL cursor in a read-only transaction and answers
 * "next batch" requests on an address of its own, so memory stays flat however large the
 * segment is and the database is read only as fast as the caller consumes.
 */
public final class MemberStreams {

  private static final Logger LOG = LoggerFactory.getLogger(MemberStreams.class);

  private final Vertx vertx;
  private final Pool pool;
  private final int batchSize;
  private final long idleTimeoutMs;

  public MemberStreams(
      Vertx vertx, Pool pool, int batchSize, int idleTimeoutSeconds) {
    this.vertx = vertx;
    this.pool = pool;
    this.batchSize = batchSize;
    this.idleTimeoutMs = idleTimeoutSeconds * 1000L;
  }

  /** Opens a stream of {@code columns} of the segment's members; answers its address. */
  public Future<String> open(ResolvedSegment segment, List<String> columns) {
    String base = segment.expand(columns, QueryExpander.NO_CONDITION);
    String sql = OperationSql.members(base, segment.table(), columns);
    // A cursor needs an explicit transaction; it is read only like every evaluation session.
    return pool.getConnection().compose(conn -> conn.query("BEGIN READ ONLY").execute()
        .compose(ignored -> conn.prepare(sql))
        .map(statement -> new Stream(conn, statement.cursor()).start())
        .onFailure(e -> conn.close()));
  }

  /** One open cursor, its connection and its address. */
  private final class Stream {

    private final SqlConnection conn;
    private final Cursor cursor;
    private final String address = BusContract.MEMBERS_OPEN + ".stream." + UUID.randomUUID();
    private MessageConsumer<JsonObject> consumer;
    private long idleTimer = -1;
    private boolean closed;
    private Future<RowSet<Row>> ahead;

    Stream(SqlConnection conn, Cursor cursor) {
      this.conn = conn;
      this.cursor = cursor;
    }

    String start() {
      consumer = vertx.eventBus().localConsumer(address, this::next);
      touch();
      return address;
    }

    private void next(Message<JsonObject> request) {
      touch();
      JsonObject body = request.body();
      if (closed || (body != null && body.getBoolean(Fields.CLOSE, false))) {
        close();
        request.reply(new JsonObject().put(Fields.ROWS, new JsonArray()).put(Fields.DONE, true));
        return;
      }
      Future<RowSet<Row>> batch = ahead != null ? ahead : cursor.read(batchSize);
      ahead = null;
      batch.onComplete(result -> {
        if (result.failed()) {
          BusReplies.fail(request, result.cause());
          close();
          return;
        }
        JsonArray rows = new JsonArray();
        for (Row row : result.result()) {
          rows.add(row.toJson());
        }
        boolean done = !cursor.hasMore();
        if (!done && !closed) {
          // Read the next batch while the caller writes this one: at most two batches are
          // ever held, and the database and the client work at the same time.
          ahead = cursor.read(batchSize);
        }
        request.reply(new JsonObject().put(Fields.ROWS, rows).put(Fields.DONE, done));
        if (done) {
          close();
        }
      });
    }

    private void touch() {
      if (idleTimer >= 0) {
        vertx.cancelTimer(idleTimer);
      }
      idleTimer = vertx.setTimer(idleTimeoutMs, id -> {
        LOG.info("Closing member stream {} nobody read for {} ms", address, idleTimeoutMs);
        close();
      });
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      vertx.cancelTimer(idleTimer);
      consumer.unregister();
      cursor.close()
          .eventually(() -> conn.query("ROLLBACK").execute())
          .eventually(conn::close)
          .onFailure(e -> LOG.debug("Member stream {} closed with {}", address, e.toString()));
    }
  }
}
