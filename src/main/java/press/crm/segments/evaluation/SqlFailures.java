package press.crm.segments.evaluation;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;

/** Classifies what went wrong while running a segment query, by SQLSTATE where there is one. */
public final class SqlFailures {

  /** SQLSTATE 57014: canceled, here always by statement_timeout. */
  private static final String QUERY_CANCELED = "57014";

  private SqlFailures() {
  }

  public static SegmentsException classify(Throwable failure) {
    if (failure instanceof SegmentsException known) {
      return known;
    }
    if (failure instanceof ClassCastException) {
      return SegmentsException.invalid("A request field has the wrong type");
    }
    if (failure instanceof PgException pg) {
      return classify(pg);
    }
    if (isUnavailable(failure)) {
      return new SegmentsException(FailureCode.DATABASE_UNAVAILABLE,
          "The database is unavailable", failure);
    }
    return new SegmentsException(FailureCode.INTERNAL, "Internal error", failure);
  }

  private static SegmentsException classify(PgException pg) {
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    if (state.equals(QUERY_CANCELED)) {
      return new SegmentsException(FailureCode.TIMEOUT,
          "The segment query ran longer than the statement timeout", pg);
    }
    // Class 08: connection; 53: insufficient resources; 57P0x: server shutting down.
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P0")) {
      return new SegmentsException(FailureCode.DATABASE_UNAVAILABLE,
          "The database is unavailable", pg);
    }
    // Class 22: data; 42: syntax or access; 25: transaction state (a write when read only);
    // 2B/0A/21: dependent objects, unsupported feature, cardinality.
    if (state.startsWith("22") || state.startsWith("42") || state.startsWith("25")
        || state.startsWith("0A") || state.startsWith("21") || state.startsWith("2B")) {
      return new SegmentsException(FailureCode.INVALID,
          "The segment query failed: " + pg.getErrorMessage(), pg);
    }
    return new SegmentsException(FailureCode.INTERNAL, "Internal error", pg);
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof ClosedConnectionException
          || t instanceof TimeoutException || t instanceof java.io.IOException) {
        return true;
      }
      if (t instanceof VertxException && t.getMessage() != null
          && (t.getMessage().contains("onnection") || t.getMessage().contains("Timeout"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
