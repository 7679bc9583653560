package press.crm.segments.testing;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.evaluation.EvaluationVerticle;

/** A migrated test database with demo tables and a deployed evaluation verticle. */
public final class EvaluationFixture implements AutoCloseable {

  public final TestDatabase db;
  public final Vertx vertx;
  public final JsonObject config;

  private EvaluationFixture(TestDatabase db, Vertx vertx, JsonObject config) {
    this.db = db;
    this.vertx = vertx;
    this.config = config;
  }

  /** Starts with {@code users} users; {@code tweak} may change the configuration first. */
  public static EvaluationFixture start(int users, Consumer<JsonObject> tweak) {
    TestDatabase db = TestDatabase.create();
    JsonObject config = TestConfig.forDatabase(db);
    config.getJsonObject("segments").put("nesting", true);
    config.getJsonObject("segments").getJsonObject("tables").getJsonObject("users")
        .put("fields", new JsonArray().add("id").add("email").add("active").add("source")
            .add("created_at"));
    tweak.accept(config);
    AppConfig app = AppConfig.from(config);
    Migrations.migrateBlocking(app.database());
    DemoTables.create(db, users);
    Vertx vertx = Vertx.vertx();
    Await.result(vertx.deployVerticle(EvaluationVerticle.class.getName(),
        new DeploymentOptions().setConfig(config)));
    return new EvaluationFixture(db, vertx, config);
  }

  public Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body,
        new DeliveryOptions().setSendTimeout(30_000)).map(reply -> reply.body());
  }

  public JsonObject call(String address, JsonObject body) {
    return Await.result(request(address, body));
  }

  @Override
  public void close() {
    Await.result(vertx.close());
    db.close();
  }
}
