package press.crm.segments.recalculation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import press.crm.segments.config.AppConfig;

/** Wakes on a timer, finds the segments that are due and has the evaluation verticle recount them. */
public final class RecalculationVerticle extends VerticleBase {

  private AppConfig config;

  @Override
  public Future<?> start() {
    config = AppConfig.from(config());
    return Future.succeededFuture();
  }
}
