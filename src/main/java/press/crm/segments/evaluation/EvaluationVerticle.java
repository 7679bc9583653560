package press.crm.segments.evaluation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import press.crm.segments.config.AppConfig;

/** Turns segments into SQL and runs them: count, check, members, items, validate, recalculate. */
public final class EvaluationVerticle extends VerticleBase {

  private AppConfig config;

  @Override
  public Future<?> start() {
    config = AppConfig.from(config());
    return Future.succeededFuture();
  }
}
