package press.crm.segments.evaluation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import press.crm.segments.bus.SegmentsException;

class QueryValidatorTest {

  private final QueryValidator validator = new QueryValidator(
      List.of("segments.*", "api_tokens", "pg_catalog.pg_authid"),
      List.of("pg_sleep", "pg_terminate_backend", "set_config", "dblink", "nextval"));

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT users.id, users.email FROM users",
      "SELECT users.id, users.email FROM users WHERE id > 100 AND id < 120",
      "select id from users",
      "SELECT users.id FROM users;",
      "SELECT u.id FROM users u JOIN subscriptions s ON s.user_id = u.id WHERE s.end_time > now()",
      "WITH paying AS (SELECT user_id FROM payments WHERE status = 'paid')"
          + " SELECT users.id FROM users JOIN paying ON paying.user_id = users.id",
      "SELECT users.id FROM users WHERE users.id IN (SELECT user_id FROM subscriptions)",
      "SELECT id FROM users UNION SELECT user_id FROM payments",
      "SELECT users.id, count(*) FROM users JOIN payments p ON p.user_id = users.id"
          + " GROUP BY users.id HAVING sum(p.amount) > 10",
      "SELECT users.id FROM users WHERE email ILIKE '%@example.com'",
      "SELECT users.id FROM users WHERE created_at > now() - INTERVAL '30 days'",
      "SELECT DISTINCT ON (users.id) users.id FROM users ORDER BY users.id",
      "SELECT users.id FROM users WHERE users.api_tokens IS NULL",
      "SELECT users.id, users.segments FROM users",
      "SELECT users.id FROM users WHERE note = 'DELETE FROM users; DROP TABLE users'",
      "SELECT users.id FROM users WHERE coalesce(users.source, 'web') = 'web'",
      "SELECT users.id FROM users WHERE NOT EXISTS"
          + " (SELECT 1 FROM subscriptions s WHERE s.user_id = users.id)",
      "SELECT users.id FROM users -- a trailing comment",
      "SELECT users.id FROM public.users",
      "SELECT users.id FROM users WHERE users.id::text LIKE '1%'",
  })
  void acceptsReadOnlySelects(String sql) {
    assertThatCode(() -> validator.validate(sql)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO users (email) VALUES ('x@example.com')",
      "UPDATE users SET email = 'x'",
      "DELETE FROM users",
      "DROP TABLE users",
      "TRUNCATE users",
      "CREATE TABLE x (id int)",
      "ALTER TABLE users ADD COLUMN x int",
      "SELECT id FROM users; DELETE FROM users",
      "SELECT 1; SELECT 2",
      "WITH gone AS (DELETE FROM users RETURNING id) SELECT id FROM gone",
      "WITH added AS (INSERT INTO users (email) VALUES ('a') RETURNING id) SELECT id FROM added",
      "WITH changed AS (UPDATE users SET email = 'a' RETURNING id) SELECT id FROM changed",
      "SELECT id INTO copy_of_users FROM users",
      "SELECT id FROM users FOR UPDATE",
      "SELECT id FROM segments.segments",
      "SELECT users.id FROM users JOIN segments.segment_groups g ON g.id = users.id",
      "SELECT users.id FROM users WHERE id IN (SELECT id FROM api_tokens)",
      "SELECT id FROM \"segments\".\"segments_values\"",
      "SELECT rolpassword FROM pg_catalog.pg_authid",
      "SELECT users.id FROM users WHERE pg_sleep(10) IS NOT NULL",
      "SELECT users.id, pg_terminate_backend(1) FROM users",
      "SELECT set_config('default_transaction_read_only', 'off', false)",
      "SELECT users.id FROM users WHERE id = nextval('users_id_seq')",
      "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(id int)",
      "GRANT ALL ON users TO public",
      "COPY users TO '/tmp/users.csv'",
      "SELEC id FROM users",
      "",
      "   ",
  })
  void rejectsEverythingElseWithAReason(String sql) {
    assertThatThrownBy(() -> validator.validate(sql))
        .isInstanceOf(SegmentsException.class)
        .hasMessageNotContaining("Exception");
  }

  @org.junit.jupiter.api.Test
  void rejectionNamesTheForbiddenTable() {
    assertThatThrownBy(() -> validator.validate("SELECT id FROM segments.segments"))
        .hasMessageContaining("segments.segments");
  }

  @org.junit.jupiter.api.Test
  void rejectionNamesTheDataModifyingPart() {
    assertThatThrownBy(() -> validator.validate(
        "WITH gone AS (DELETE FROM users RETURNING id) SELECT id FROM gone"))
        .hasMessageContaining("DELETE");
  }

  @org.junit.jupiter.api.Test
  void refusesAnAbsurdlyLongQueryBeforeParsing() {
    String sql = "SELECT users.id FROM users WHERE " + "1=1 AND ".repeat(20_000) + "1=1";

    assertThatThrownBy(() -> validator.validate(sql)).hasMessageContaining("longer than");
  }
}
