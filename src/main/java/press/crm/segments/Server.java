package press.crm.segments;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.AppConfig;
import press.crm.segments.db.Migrations;
import press.crm.segments.evaluation.EvaluationVerticle;
import press.crm.segments.http.HttpVerticle;
import press.crm.segments.recalculation.RecalculationVerticle;

/**
 * Starts the server on a Vert.x instance: migrations first (off the event loop), then the
 * evaluation verticles, the recalculation verticle and finally the HTTP verticle, so requests
 * are only accepted once everything they need is there.
 */
public final class Server {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  /** Deployment-config key through which the HTTP verticle learns the migration count. */
  public static final String EXPECTED_MIGRATIONS = "_expected_migrations";

  private final Vertx vertx;
  private final AppConfig config;
  private final List<String> deployments = new ArrayList<>();
  private int httpPort;
  private int managementPort;

  private Server(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  public static Future<Server> start(Vertx vertx, AppConfig config) {
    Server server = new Server(vertx, config);
    return server.deploy().map(server);
  }

  private Future<Void> deploy() {
    JsonObject json = config.json();
    return prepareSchema()
        .compose(expected -> {
          json.put(EXPECTED_MIGRATIONS, expected);
          DeploymentOptions evaluators = new DeploymentOptions().setConfig(json)
              .setInstances(config.evaluation().instances());
          return deploy(EvaluationVerticle.class.getName(), evaluators);
        })
        .compose(ignored -> config.recalculation().enabled()
            ? deploy(RecalculationVerticle.class.getName(), new DeploymentOptions().setConfig(json))
            : Future.succeededFuture())
        .compose(ignored -> {
          // Instances share the listening sockets; any of them can tell the bound ports.
          List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
          DeploymentOptions options = new DeploymentOptions().setConfig(json)
              .setInstances(config.http().instances());
          return vertx.deployVerticle(() -> {
            HttpVerticle http = new HttpVerticle();
            instances.add(http);
            return http;
          }, options)
              .onSuccess(deployments::add)
              .map(id -> {
                httpPort = instances.get(0).port();
                managementPort = instances.get(0).managementPort();
                LOG.info("Listening on port {} (management on {})", httpPort, managementPort);
                return null;
              });
        });
  }

  /** Migrates when configured to; either way answers how many migrations the code knows. */
  private Future<Integer> prepareSchema() {
    return vertx.executeBlocking(() -> {
      if (config.database().migrateOnStart()) {
        Migrations.migrateBlocking(config.database());
      }
      return Migrations.knownCountBlocking(config.database());
    }, false);
  }

  private Future<Void> deploy(String verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::add).mapEmpty();
  }

  public int httpPort() {
    return httpPort;
  }

  public int managementPort() {
    return managementPort;
  }

  /** Undeploys in reverse order: HTTP stops taking requests first and drains the rest. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(ignored -> vertx.undeploy(id).recover(e -> {
        LOG.warn("Undeploying {} failed", id, e);
        return Future.succeededFuture();
      }));
    }
    return chain.onComplete(ignored -> deployments.clear());
  }
}
