package press.crm.segments.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** A test database with demo business tables and a running server with nesting on. */
public final class ApiFixture implements AutoCloseable {

  public final TestDatabase db;
  public final ApiServer server;
  public final Seed seed;

  private ApiFixture(TestDatabase db, ApiServer server) {
    this.db = db;
    this.server = server;
    this.seed = new Seed(db);
  }

  public static ApiFixture start(int users) {
    return start(users, config -> { });
  }

  /** {@code tweak} may change the configuration before the server starts. */
  public static ApiFixture start(int users, Consumer<JsonObject> tweak) {
    TestDatabase db = TestDatabase.create();
    DemoTables.create(db, users);
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("segments").put("nesting", true);
    config.getJsonObject("segments").getJsonObject("tables")
        .put("subscriptions", new JsonObject().put("primary_key", "id")
            .put("default_fields", new JsonArray().add("id"))
            .put("fields", new JsonArray().add("id").add("user_id").add("type")))
        .getJsonObject("users")
        .put("fields", new JsonArray().add("id").add("email").add("active").add("source"));
    tweak.accept(config);
    return new ApiFixture(db, ApiServer.start(config));
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}
