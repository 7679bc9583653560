package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import press.crm.segments.config.EvaluationOptions;
import press.crm.segments.bus.BusContract;

/** Sends requests to the evaluation verticle (see BusContract) and waits long enough for them. */
public final class EvaluationClient {

  /** Beyond the statement timeout, so the evaluation's own TIMEOUT failure arrives first. */
  private static final long MARGIN_MS = 5_000;

  private final EventBus bus;
  private final DeliveryOptions options;

  public EvaluationClient(EventBus bus, EvaluationOptions evaluation) {
    this.bus = bus;
    this.options = new DeliveryOptions()
        .setSendTimeout(evaluation.statementTimeoutMs() + MARGIN_MS);
  }

  public Future<JsonObject> request(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, options).map(Message::body);
  }

  /** Makes this process's evaluation verticles forget the segment definitions they hold. */
  public void definitionsChanged() {
    bus.publish(BusContract.DEFINITIONS_CHANGED, new JsonObject());
  }
}
