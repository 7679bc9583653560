package press.crm.segments;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/** Creates the Vert.x instance the server runs on, with Prometheus metrics enabled. */
public final class ServerVertx {

  private ServerVertx() {
  }

  public static Vertx create() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
  }

  /**
   * The registry application meters go to: the Prometheus one when metrics are enabled, a
   * private in-memory one otherwise (for example in a test's plain Vert.x instance).
   */
  public static MeterRegistry meters() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : Holder.FALLBACK;
  }

  private static final class Holder {
    static final MeterRegistry FALLBACK = new SimpleMeterRegistry();
  }
}
