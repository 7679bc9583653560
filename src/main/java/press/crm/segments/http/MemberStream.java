package press.crm.segments.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.bus.BusContract.Fields;

/**
 * Streams a segment's members from an evaluation member stream into a chunked response
 * {@code {"status":"ok","users":[{"id":"1","email":"..."},...]}}. One batch is in flight at a
 * time and the next is only asked for when the response can take more, so memory stays flat
 * however many members there are.
 */
final class MemberStream {

  private static final Logger LOG = LoggerFactory.getLogger(MemberStream.class);
  private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();
  private static final String HEAD = "{\"status\":\"ok\",\"users\":[";
  private static final String TAIL = "]}";

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final EvaluationClient evaluation;
  private final String stream;
  private final String key;
  private boolean started;
  private boolean first = true;
  private boolean finished;

  /** @param key the user table's primary key column, written as {@code id} */
  MemberStream(RoutingContext ctx, EvaluationClient evaluation, String stream, String key) {
    this.ctx = ctx;
    this.key = key;
    this.response = ctx.response();
    this.evaluation = evaluation;
    this.stream = stream;
  }

  void start() {
    response.closeHandler(ignored -> clientGone());
    response.exceptionHandler(ignored -> clientGone());
    next();
  }

  private void next() {
    if (!finished) {
      evaluation.request(stream, new JsonObject()).onComplete(this::batch);
    }
  }

  private void batch(AsyncResult<JsonObject> result) {
    if (finished) {
      return;
    }
    if (result.failed()) {
      fail(result.cause());
      return;
    }
    JsonObject reply = result.result();
    if (!started) {
      // The head waits for the first batch so an early failure can still be a JSON error.
      started = true;
      response.setChunked(true).putHeader("Content-Type", ApiErrors.JSON);
      response.write(HEAD);
    }
    response.write(encode(reply.getJsonArray(Fields.ROWS, new JsonArray())));
    if (reply.getBoolean(Fields.DONE, true)) {
      finished = true;
      response.end(TAIL);
    } else if (response.writeQueueFull()) {
      response.drainHandler(ignored -> next());
    } else {
      next();
    }
  }

  /**
   * Writes {"id":"…","email":"…"} per row by hand: a JSON encoder set up for every member was
   * two thirds of the cost of streaming a large segment. Strings are escaped by Jackson.
   */
  private Buffer encode(JsonArray rows) {
    StringBuilder chunk = new StringBuilder(rows.size() * 48);
    for (Object item : rows) {
      JsonObject row = (JsonObject) item;
      if (!first) {
        chunk.append(',');
      }
      first = false;
      chunk.append("{\"id\":");
      appendString(chunk, row.getValue(key));
      chunk.append(",\"email\":");
      appendString(chunk, row.getValue("email"));
      chunk.append('}');
    }
    return Buffer.buffer(chunk.toString());
  }

  private static void appendString(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    JSON_STRINGS.quoteAsString(String.valueOf(value), out);
    out.append('"');
  }

  private void fail(Throwable failure) {
    finished = true;
    if (!started) {
      Failures.send(ctx, failure);
      return;
    }
    // Half a JSON document is already out: only a reset tells the client it is incomplete.
    LOG.error("Member stream {} failed after the response started; resetting", stream, failure);
    response.reset();
  }

  private void clientGone() {
    if (finished) {
      return;
    }
    finished = true;
    LOG.info("Client left during a member stream; closing it");
    evaluation.request(stream, new JsonObject().put(Fields.CLOSE, true))
        .onFailure(e -> LOG.debug("Closing member stream {} failed: {}", stream, e.getMessage()));
  }
}
