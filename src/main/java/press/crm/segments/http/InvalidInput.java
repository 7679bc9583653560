package press.crm.segments.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Bad input in one named field (a parameter or a body field); answered with 400. */
public final class InvalidInput extends RuntimeException {

  private final String field;

  public InvalidInput(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The error body: the shared shape plus {@code errors: {field: [message]}}. */
  public JsonObject body() {
    return ApiErrors.body("invalid_input", field + ": " + getMessage())
        .put("errors", new JsonObject().put(field, new JsonArray().add(getMessage())));
  }
}
