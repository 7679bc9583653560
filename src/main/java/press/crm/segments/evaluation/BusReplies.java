package press.crm.segments.evaluation;

import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;

/** Fails event-bus requests with a {@link FailureCode}, logging what the caller must not see. */
final class BusReplies {

  private static final Logger LOG = LoggerFactory.getLogger(BusReplies.class);

  private BusReplies() {
  }

  static void fail(Message<?> request, Throwable cause) {
    SegmentsException failure = SqlFailures.classify(cause);
    if (failure.code() == FailureCode.INTERNAL) {
      LOG.error("Request to {} failed", request.address(), cause);
    } else if (failure.code() == FailureCode.DATABASE_UNAVAILABLE) {
      LOG.warn("Request to {} failed: database unavailable ({})", request.address(),
          cause.toString());
    }
    request.fail(failure.code().code(), failure.getMessage());
  }
}
