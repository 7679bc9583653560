package press.crm.segments.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.testing.TestDatabase;

/** Literals are checked by what PostgreSQL reads back, not only by their text. */
class SqlLiteralsTest {

  private static final List<String> HOSTILE = List.of(
      "plain", "", "O'Brien", "''", "'; DROP TABLE users; --", "\\", "\\'", "a\\'; SELECT 1; --",
      "$$", "$tag$ x $tag$", "/* comment", "-- comment", "%where%", "%segment.all_users%",
      "100%", "%%", "Žluťoučký kůň 🐎 ünïcödé", "line\nbreak\ttab\r", "E'x'", "U&'\\0041'",
      "chr(37)", "'||'", "?", ":name", "$1");

  private static TestDatabase db;

  @BeforeAll
  static void create() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void hostileStringsReadBackUnchangedFromPostgres() {
    for (String text : HOSTILE) {
      assertThat(db.queryString("SELECT " + SqlLiterals.string(text))).as(text).isEqualTo(text);
    }
  }

  @Test
  void hostileStringsReadBackUnchangedWithoutStandardConformingStrings() {
    db.execute("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
    try {
      for (String text : HOSTILE) {
        assertThat(db.queryString("SELECT " + SqlLiterals.string(text))).as(text)
            .isEqualTo(text);
      }
    } finally {
      db.execute("ALTER DATABASE " + db.name() + " RESET standard_conforming_strings");
    }
  }

  @Test
  void stringsNeverContainAPercentSignThePlaceholderExpansionCouldSee() {
    assertThat(SqlLiterals.string("%where%")).isEqualTo("('' || chr(37) || 'where' || chr(37)"
        + " || '')").doesNotContain("%");
    assertThat(SqlLiterals.string("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(SqlLiterals.string("a\\b")).isEqualTo("E'a\\\\b'");
  }

  @Test
  void nulCharactersAreRefused() {
    assertThatThrownBy(() -> SqlLiterals.string("a\u0000b"))
        .isInstanceOf(SegmentsException.class).hasMessageContaining("NUL");
  }

  @Test
  void arraysNumbersAndTimestampsReadBackAsTheirValues() {
    assertThat(db.queryString("SELECT array_to_string("
        + SqlLiterals.stringArray(List.of("a'b", "%x%", "\\")) + ", '|')"))
        .isEqualTo("a'b|%x%|\\");
    assertThat(db.queryString("SELECT " + SqlLiterals.numberArray(List.of(
        new BigDecimal("-1.5"), BigDecimal.TEN)) + "::text")).isEqualTo("{-1.5,10}");
    assertThat(db.queryLong("SELECT 5-" + SqlLiterals.integer(-3))).isEqualTo(8);
    assertThat(db.queryString("SELECT (5-" + SqlLiterals.decimal(new BigDecimal("-0.5"))
        + ")::text")).isEqualTo("5.5");
    assertThat(db.queryString("SELECT extract(epoch FROM "
        + SqlLiterals.timestamp(Instant.parse("2024-02-29T12:00:00Z")) + ")::bigint::text"))
        .isEqualTo("1709208000");
    assertThat(db.queryString("SELECT " + SqlLiterals.bool(false) + "::text")).isEqualTo("false");
  }
}
