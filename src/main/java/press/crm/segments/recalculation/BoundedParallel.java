package press.crm.segments.recalculation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs an asynchronous action over items in their order with at most N in flight. Meant for
 * one Vert.x context: the workers share an iterator without locking.
 */
public final class BoundedParallel {

  private BoundedParallel() {
  }

  /**
   * Completes when every item has been handled; an item whose action fails does not stop the
   * others. {@code keepGoing} is asked before each item, so a stopping verticle starts no new
   * work but lets the running items finish.
   */
  public static <T> Future<Void> forEach(List<T> items, int parallelism,
      BooleanSupplier keepGoing, Function<T, Future<?>> action) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    Iterator<T> remaining = items.iterator();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(parallelism, items.size()); i++) {
      workers.add(worker(remaining, keepGoing, action));
    }
    return Future.join(workers).mapEmpty();
  }

  private static <T> Future<Void> worker(Iterator<T> remaining, BooleanSupplier keepGoing,
      Function<T, Future<?>> action) {
    if (!remaining.hasNext() || !keepGoing.getAsBoolean()) {
      return Future.succeededFuture();
    }
    T item = remaining.next();
    return safely(action, item)
        .<Void>mapEmpty()
        .otherwiseEmpty()
        .compose(ignored -> worker(remaining, keepGoing, action));
  }

  /** An action that throws instead of failing its future must not end the worker. */
  private static <T> Future<?> safely(Function<T, Future<?>> action, T item) {
    try {
      return action.apply(item);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
