package press.crm.segments.http;

import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;

/**
 * Turns any failure of a request into the JSON error shape: bad input, known failures with a
 * safe message, event-bus failures by their code, and everything else as a logged 500.
 */
public final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  /** SQLSTATE unique_violation: a concurrent request took the same code. */
  private static final String UNIQUE_VIOLATION = "23505";

  private Failures() {
  }

  public static void send(RoutingContext ctx, Throwable failure) {
    if (failure instanceof InvalidInput invalid) {
      ApiErrors.send(ctx, 400, invalid.body());
      return;
    }
    if (failure instanceof HttpException http && http.getStatusCode() < 500) {
      // vertx-web's own verdicts (a query string it cannot decode): the router's error
      // handlers give them the JSON shape.
      ctx.fail(http.getStatusCode(), http);
      return;
    }
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      ApiErrors.send(ctx, FailureCode.CONFLICT, "A segment or group with this code already exists");
      return;
    }
    FailureCode code = codeOf(failure);
    if (code == FailureCode.INVALID || code == FailureCode.NOT_FOUND
        || code == FailureCode.CONFLICT) {
      ApiErrors.send(ctx, code, failure.getMessage());
      return;
    }
    if (code == FailureCode.INTERNAL) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    } else {
      // Expected while the database is down or slow: one line each, no stack trace.
      LOG.warn("{} {} answered {}: {}", ctx.request().method(), ctx.request().path(), code,
          failure.getMessage());
    }
    ApiErrors.send(ctx, code, switch (code) {
      case DATABASE_UNAVAILABLE -> "The database is unavailable; try again shortly";
      case TIMEOUT -> "The segment query took too long";
      default -> "Internal error";
    });
  }

  private static FailureCode codeOf(Throwable failure) {
    if (failure instanceof ReplyException || failure instanceof SegmentsException) {
      return FailureCode.of(failure);
    }
    if (isConnectionProblem(failure)) {
      return FailureCode.DATABASE_UNAVAILABLE;
    }
    return FailureCode.INTERNAL;
  }

  /**
   * Connection refused, closed or timed out, a pool that waited too long for a connection, or
   * PostgreSQL refusing the session (severity FATAL; SQLSTATE classes 08, 53 and 57P0x).
   */
  private static boolean isConnectionProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof ClosedConnectionException
          || t instanceof TimeoutException || t instanceof IOException) {
        return true;
      }
      if (t instanceof PgException pg && isSessionFailure(pg)) {
        return true;
      }
      if (t instanceof VertxException && String.valueOf(t.getMessage()).contains("Timeout")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isSessionFailure(PgException pg) {
    String state = String.valueOf(pg.getSqlState());
    return "FATAL".equals(pg.getSeverity()) || "PANIC".equals(pg.getSeverity())
        || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P0");
  }
}
