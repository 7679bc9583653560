package press.crm.segments.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import press.crm.segments.config.ConfigLoader;

/** What the commands share: loading the configuration and waiting on futures from main. */
final class Cli {

  private Cli() {
  }

  /** Loads the raw configuration; the caller validates the parts it needs. */
  static JsonObject loadConfig(Vertx vertx) {
    return await(ConfigLoader.fromProcess().load(vertx), Duration.ofSeconds(30));
  }

  /** A one-line reason for a failure, without the wrapping of futures and executors. */
  static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Blocks the main thread (never an event loop) until the future completes. */
  static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout, e);
    }
  }
}
