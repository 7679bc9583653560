package press.crm.segments.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Why an event-bus request failed. The evaluation and recalculation verticles fail messages
 * with {@link #code()}; the HTTP layer maps each to {@link #httpStatus()} and
 * {@link #machineCode()}.
 */
public enum FailureCode {
  /** The request itself is wrong (bad definition, bad parameter). */
  INVALID(400, 400, "invalid_input"),
  /** The segment, group or stream does not exist. */
  NOT_FOUND(404, 404, "not_found"),
  /** The request conflicts with stored state (duplicate code, referenced segment, locked). */
  CONFLICT(409, 409, "conflict"),
  /** PostgreSQL cannot be reached or has no free connection. */
  DATABASE_UNAVAILABLE(503, 503, "database_unavailable"),
  /** The segment query ran longer than the configured statement timeout. */
  TIMEOUT(504, 503, "timeout"),
  /** Anything else; details are in the log, never in the reply. */
  INTERNAL(500, 500, "internal_error");

  private final int code;
  private final int httpStatus;
  private final String machineCode;

  FailureCode(int code, int httpStatus, String machineCode) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.machineCode = machineCode;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String machineCode() {
    return machineCode;
  }

  /** The code a reply failure carries; bus-level failures (no handler, timeout) are INTERNAL. */
  public static FailureCode of(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        for (FailureCode candidate : values()) {
          if (candidate.code == reply.failureCode()) {
            return candidate;
          }
        }
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return TIMEOUT;
      }
    }
    if (failure instanceof SegmentsException known) {
      return known.code();
    }
    return INTERNAL;
  }
}
