package press.crm.segments.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates REMP-like subject tables (users, subscriptions, payments) in the public schema when
 * they are absent, filled with fake data in a few set-based statements. Every value is derived
 * from the row number by multiplicative hashing, so the same size gives the same data (dates
 * are relative to the start of the current day, so "active subscription" stays meaningful).
 */
final class DemoTables {

  private static final Logger LOG = LoggerFactory.getLogger(DemoTables.class);

  /** Knuth's multiplicative hash of the row number (and slot k), reduced to 32 bits. */
  private static final String HASH = "((g::bigint * 2654435761 + k * 97531) % 4294967296)";

  private static final String USERS_DDL = """
      CREATE TABLE public.users (
        id          BIGINT PRIMARY KEY,
        email       TEXT        NOT NULL UNIQUE,
        first_name  TEXT        NOT NULL,
        last_name   TEXT        NOT NULL,
        active      BOOLEAN     NOT NULL,
        source      TEXT        NOT NULL,
        created_at  TIMESTAMPTZ NOT NULL
      )""";

  private static final String USERS_DATA = """
      INSERT INTO public.users (id, email, first_name, last_name, active, source, created_at)
      SELECT g, lower(first_name || '.' || last_name) || '.' || g || '@example.com',
        first_name, last_name, h % 10 <> 0, source,
        date_trunc('day', now()) - (h / 13 % 1460) * INTERVAL '1 day'
          - (h / 17 % 86400) * INTERVAL '1 second'
      FROM (
        SELECT g, h,
          (ARRAY['Anna', 'Peter', 'Maria', 'John', 'Eva', 'Martin', 'Lucia', 'Tomas',
            'Jana', 'Michal', 'Zuzana', 'David'])[1 + h % 12] AS first_name,
          (ARRAY['Novak', 'Smith', 'Horvath', 'Kovac', 'Miller', 'Varga', 'Toth', 'Baker',
            'Szabo', 'Brown', 'Nagy'])[1 + h / 12 % 11] AS last_name,
          (ARRAY['web', 'web', 'web', 'ios', 'android', 'import', 'api'])[1 + h / 7 % 7]
            AS source
        FROM (SELECT g, {hash} AS h FROM generate_series(1, $1) g, (VALUES (0)) z (k)) hashed
      ) named""".replace("{hash}", HASH);

  private static final String SUBSCRIPTIONS_DDL = """
      CREATE TABLE public.subscriptions (
        id          BIGSERIAL PRIMARY KEY,
        user_id     BIGINT      NOT NULL,
        type        TEXT        NOT NULL,
        start_time  TIMESTAMPTZ NOT NULL,
        end_time    TIMESTAMPTZ NOT NULL
      )""";

  /** Up to three subscriptions per user, started within the last two years. */
  private static final String SUBSCRIPTIONS_DATA = """
      INSERT INTO public.subscriptions (user_id, type, start_time, end_time)
      SELECT g, type, start_time, start_time + CASE type
          WHEN 'web_monthly' THEN INTERVAL '1 month'
          WHEN 'print' THEN INTERVAL '6 months'
          ELSE INTERVAL '1 year' END
      FROM (
        SELECT g, k, h,
          (ARRAY['web_monthly', 'web_yearly', 'print', 'club'])[1 + h % 4] AS type,
          date_trunc('day', now()) - (h / 100 % 730) * INTERVAL '1 day' AS start_time
        FROM (SELECT g, k, {hash} AS h FROM generate_series(1, $1) g, generate_series(1, 3) k) x
      ) s
      WHERE h / 7 % 100 < CASE k WHEN 1 THEN 60 WHEN 2 THEN 30 ELSE 15 END
      ORDER BY g, k""".replace("{hash}", HASH);

  private static final String PAYMENTS_DDL = """
      CREATE TABLE public.payments (
        id       BIGSERIAL PRIMARY KEY,
        user_id  BIGINT        NOT NULL,
        amount   NUMERIC(10,2) NOT NULL,
        status   TEXT          NOT NULL,
        paid_at  TIMESTAMPTZ   NOT NULL
      )""";

  /** One payment per subscription, at its start; a few refunded or failed. */
  private static final String PAYMENTS_DATA = """
      INSERT INTO public.payments (user_id, amount, status, paid_at)
      SELECT user_id,
        CASE type WHEN 'web_monthly' THEN 4.99 WHEN 'web_yearly' THEN 49.90
          WHEN 'print' THEN 29.90 ELSE 99.00 END,
        CASE WHEN id % 20 = 0 THEN 'refunded' WHEN id % 33 = 0 THEN 'failed' ELSE 'paid' END,
        start_time + (id % 3600) * INTERVAL '1 second'
      FROM public.subscriptions
      ORDER BY id""";

  private record Table(String name, String ddl, String data, List<String> indexes) {
  }

  private static final List<Table> TABLES = List.of(
      new Table("users", USERS_DDL, USERS_DATA, List.of()),
      new Table("subscriptions", SUBSCRIPTIONS_DDL, SUBSCRIPTIONS_DATA,
          List.of("CREATE INDEX subscriptions_user ON public.subscriptions (user_id)")),
      new Table("payments", PAYMENTS_DDL, PAYMENTS_DATA,
          List.of("CREATE INDEX payments_user ON public.payments (user_id)")));

  private DemoTables() {
  }

  /** Creates and fills each absent table; answers the names of the tables it created. */
  static Future<List<String>> createIfAbsent(Pool pool, int users) {
    Future<List<String>> chain = Future.succeededFuture(List.of());
    for (Table table : TABLES) {
      chain = chain.compose(created -> createIfAbsent(pool, table, users).map(made -> {
        if (!made) {
          return created;
        }
        List<String> more = new ArrayList<>(created);
        more.add(table.name());
        return List.copyOf(more);
      }));
    }
    return chain;
  }

  private static Future<Boolean> createIfAbsent(Pool pool, Table table, int users) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("SELECT to_regclass($1) IS NULL AS absent")
        .execute(Tuple.of("public." + table.name()))
        .compose(rows -> {
          if (!rows.iterator().next().getBoolean("absent")) {
            LOG.info("Demo table public.{} exists; leaving it as it is", table.name());
            return Future.succeededFuture(false);
          }
          Future<?> steps = connection.query(table.ddl()).execute();
          steps = steps.compose(ignored -> table.data().contains("$1")
              ? connection.preparedQuery(table.data()).execute(Tuple.of(users))
              : connection.query(table.data()).execute());
          for (String index : table.indexes()) {
            steps = steps.compose(ignored -> connection.query(index).execute());
          }
          return steps.compose(ignored -> connection.query("ANALYZE public." + table.name())
              .execute()).map(true);
        }))
        .onSuccess(made -> {
          if (made) {
            LOG.info("Demo table public.{} created", table.name());
          }
        });
  }
}
