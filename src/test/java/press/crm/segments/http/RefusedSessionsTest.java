package press.crm.segments.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.testing.ApiServer;
import press.crm.segments.testing.TestDatabase;

/** With PostgreSQL refusing connections the API answers 503 at once and recovers by itself. */
class RefusedSessionsTest {

  private static TestDatabase db;
  private static ApiServer server;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    server = ApiServer.start(db);
  }

  @AfterAll
  static void stop() {
    server.close();
    db.close();
  }

  @Test
  void refusedConnectionsAre503UntilTheDatabaseIsBack() {
    String token = server.token("admin");
    assertThat(server.get("segments/groups", token).statusCode()).isEqualTo(200);

    outage(true);
    HttpResponse<Buffer> down;
    try {
      down = server.get("segments/groups", token);
    } finally {
      outage(false);
    }

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("database_unavailable");
    assertThat(down.bodyAsJsonObject().getString("message")).doesNotContain(db.name());
    assertThat(Eventually.status(() -> server.get("segments/groups", token), 200).statusCode())
        .isEqualTo(200);
  }

  /** Refuses new sessions to the test database and ends the open ones, or allows them again. */
  private static void outage(boolean down) {
    TestDatabase.admin("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS " + !down);
    if (down) {
      TestDatabase.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE datname = '" + db.name() + "' AND pid <> pg_backend_pid()");
    }
  }
}
