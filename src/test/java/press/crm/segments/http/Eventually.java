package press.crm.segments.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Supplier;

/** Repeats a request until it answers the expected status, a bounded number of times. */
final class Eventually {

  private static final int ATTEMPTS = 200;

  private Eventually() {
  }

  /**
   * Each attempt is a full HTTP round trip, so the loop waits on real work rather than on a
   * sleep; 200 attempts give a notification far more time than it needs.
   */
  static HttpResponse<Buffer> status(Supplier<HttpResponse<Buffer>> request, int expected) {
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      last = request.get();
      if (last.statusCode() == expected) {
        return last;
      }
    }
    return last;
  }
}
