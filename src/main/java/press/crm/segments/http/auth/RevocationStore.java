package press.crm.segments.http.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import press.crm.segments.segment.SchemaTables;

/** The revoked_tokens table and the notification that tells running instances about it. */
public final class RevocationStore {

  /** The LISTEN/NOTIFY channel; its payload is the revoked jti. */
  public static final String CHANNEL = "segments_token_revoked";

  private final String table;

  public RevocationStore(SchemaTables tables) {
    this.table = tables.table("revoked_tokens");
  }

  /** Every jti that is revoked and whose token has not expired anyway. */
  public Future<Set<String>> load(SqlClient client) {
    return client
        .query("SELECT jti FROM " + table + " WHERE expires_at IS NULL OR expires_at > now()")
        .execute()
        .map(rows -> {
          Set<String> jtis = new HashSet<>();
          for (Row row : rows) {
            jtis.add(row.getString("jti"));
          }
          return jtis;
        });
  }

  /**
   * Records the revocation and notifies every listening instance. Revoking twice is harmless.
   *
   * @param expiresAt when the token expires anyway, or null when unknown
   */
  public Future<Void> revoke(SqlClient client, String jti, OffsetDateTime expiresAt) {
    return client
        .preparedQuery("INSERT INTO " + table + " (jti, expires_at) VALUES ($1, $2)"
            + " ON CONFLICT (jti) DO NOTHING")
        .execute(Tuple.of(jti, expiresAt))
        .compose(ignored -> client
            .preparedQuery("SELECT pg_notify($1, $2)")
            .execute(Tuple.of(CHANNEL, jti)))
        .mapEmpty();
  }
}
