package press.crm.segments.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body as a JSON object, refusing invalid UTF-8 instead of mangling it. */
public final class JsonBody {

  public static final String FIELD = "body";

  private JsonBody() {
  }

  public static JsonObject object(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw new InvalidInput(FIELD, "a JSON object is required");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInput(FIELD, "is not valid UTF-8");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new InvalidInput(FIELD, "is not valid JSON");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new InvalidInput(FIELD, "must be a JSON object");
    }
    return json;
  }
}
