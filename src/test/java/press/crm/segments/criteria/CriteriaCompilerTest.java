package press.crm.segments.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static press.crm.segments.criteria.CriteriaFixtures.leaf;
import static press.crm.segments.criteria.CriteriaFixtures.op;
import static press.crm.segments.criteria.CriteriaFixtures.tree;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import press.crm.segments.bus.FailureCode;
import press.crm.segments.bus.SegmentsException;

class CriteriaCompilerTest {

  private final SqlCriteriaCompiler compiler = CriteriaFixtures.compiler(false);
  private final SqlCriteriaCompiler nesting = CriteriaFixtures.compiler(true);

  private static JsonObject active(boolean value) {
    return leaf("active", false, new JsonObject().put("active", value));
  }

  private static JsonObject source(String... values) {
    return leaf("source", false, new JsonObject().put("source", new JsonArray(
        java.util.List.of((Object[]) values))));
  }

  private String compile(JsonObject criteria) {
    return compiler.compile("users", criteria).sql();
  }

  private void assertInvalid(JsonObject criteria, String message) {
    assertThatThrownBy(() -> compiler.compile("users", criteria))
        .isInstanceOfSatisfying(SegmentsException.class,
            e -> assertThat(e.code()).isEqualTo(FailureCode.INVALID))
        .hasMessageContaining(message);
  }

  @Test
  void oneCriterionCompilesToALeftJoinInTheVersionOneShape() {
    String sql = compile(tree(active(true)));

    assertThat(sql).isEqualTo("SELECT %fields%\nFROM %table%\n"
        + "LEFT JOIN (SELECT id FROM users WHERE active = TRUE) c1 ON c1.id = %table%.id\n"
        + "WHERE %where% AND (c1.id IS NOT NULL)\nGROUP BY %group_by%");
  }

  @Test
  void negationSelectsTheRowsTheSubSelectMisses() {
    String sql = compile(tree(leaf("active", true, new JsonObject().put("active", true))));

    assertThat(sql).contains("WHERE %where% AND (c1.id IS NULL)");
  }

  @Test
  void operatorsNestAtAnyDepthWithOneJoinPerCriterion() {
    String sql = compile(tree(op("OR", active(true),
        op("AND", source("web"), leaf("active", true, new JsonObject().put("active", false))))));

    assertThat(sql).contains(") c1 ON", ") c2 ON", ") c3 ON")
        .contains("WHERE %where% AND ((c1.id IS NOT NULL"
            + " OR (c2.id IS NOT NULL AND c3.id IS NULL)))");
  }

  @Test
  void suggestedNameReadsTheTreeFromTheLabels() {
    CompiledCriteria compiled = compiler.compile("users", tree(op("AND", active(true),
        op("OR", source("web"), leaf("subscription", true, new JsonObject())))));

    assertThat(compiled.suggestedName())
        .isEqualTo("Active and (Source or not Has subscription)");
  }

  @Test
  void defaultsFillParametersThatAreNotGiven() {
    String sql = compile(tree(leaf("payment", false, new JsonObject())));

    assertThat(sql).contains("status = ANY(ARRAY['paid']::text[])")
        .contains("HAVING TRUE AND TRUE").contains("WHERE (ARRAY['paid']::text[] IS NULL");
  }

  @Test
  void optionalParametersWithoutValueAreTypedNullsOrNoCondition() {
    String sql = compile(tree(leaf("subscription", false, new JsonObject())));

    assertThat(sql).contains("(NULL::text[] IS NULL OR type = ANY(NULL::text[]))")
        .contains("(NULL::boolean IS NULL OR").contains("AND TRUE AND TRUE");
  }

  @Test
  void datetimeRangesTakeAbsoluteAndRelativeBounds() {
    String sql = compile(tree(leaf("created_at", false, new JsonObject().put("created_at",
        new JsonObject().put("gte", "2024-01-31").put("lt",
            new JsonObject().put("unit", "day").put("value", -7))))));

    assertThat(sql).contains("WHERE (created_at >= TIMESTAMPTZ '2024-01-31T00:00:00Z'"
        + " AND created_at < (now() + (-7) * INTERVAL '1 day'))");
  }

  @Test
  void numberAndDecimalRangesCompareTheirExpression() {
    String sql = compile(tree(leaf("payment", false, new JsonObject()
        .put("amount_sum", new JsonObject().put("gt", 10.5).put("lte", 100))
        .put("payment_count", 3))));

    assertThat(sql).contains("HAVING (sum(amount) > 10.5 AND sum(amount) <= 100)"
        + " AND (count(*) = 3)");
  }

  @Test
  void outputFieldsAreSelectedAndGrouped() {
    JsonObject node = leaf("payment", false, new JsonObject())
        .put("fields", new JsonArray().add("amount_sum"));

    String sql = compile(tree(node));

    assertThat(sql).startsWith("SELECT %fields%, c1.amount_sum AS payment_amount_sum\n")
        .endsWith("GROUP BY %group_by%, c1.amount_sum");
  }

  @Test
  void hostileTextBecomesAQuotedLiteral() {
    String hostile = "x' OR 1=1; DROP TABLE users; -- %where% \\";

    String sql = compile(tree(leaf("email", false, new JsonObject().put("email", hostile))));

    assertThat(sql).contains("lower(('x'' OR 1=1; DROP TABLE users; -- ' || chr(37)"
        + " || 'where' || chr(37) || E' \\\\'))");
    assertThat(sql).doesNotContain("%where% \\");
  }

  @Test
  void everyParameterTypeRejectsTheWrongType() {
    assertInvalid(tree(leaf("active", false, new JsonObject().put("active", "yes"))),
        "criterion 'active', parameter 'active' must be true or false");
    assertInvalid(tree(leaf("email", false, new JsonObject().put("email", 42))),
        "parameter 'email' must be a string");
    assertInvalid(tree(leaf("source", false, new JsonObject().put("source", "web"))),
        "parameter 'source' must be a list");
    assertInvalid(tree(source("web", "fax")), "has 'fax', which is not one of");
    assertInvalid(tree(leaf("source", false, new JsonObject().put("source", new JsonArray()))),
        "must contain at least one value");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("payment_count", 1.5))),
        "parameter 'payment_count' must be a whole number");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("amount_sum", "10"))),
        "parameter 'amount_sum' must be an object with any of gt, gte, lt, lte, eq");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("amount_sum",
        new JsonObject().put("gt", 1e30)))), "must be between");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("amount_sum",
        new JsonObject().put("gt", 0.00000000001)))), "decimal places");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("amount_sum",
        new JsonObject().put("between", 1)))), "unknown operator 'between'");
    assertInvalid(tree(leaf("payment", false, new JsonObject().put("amount_sum",
        new JsonObject()))), "at least one of gt, gte, lt, lte, eq");
  }

  @Test
  void datetimesRejectWhatIsNotADate() {
    assertInvalid(created(new JsonObject().put("gt", "yesterday")),
        "not an ISO-8601 date or date-time");
    assertInvalid(created(new JsonObject().put("gt", "2024-02-30")), "not an ISO-8601");
    assertInvalid(created(new JsonObject().put("gt", "0001-01-01")), "between 1900 and 2200");
    assertInvalid(created(new JsonObject().put("gt", 1700000000)), "must be a date");
    assertInvalid(created(new JsonObject().put("gt",
        new JsonObject().put("unit", "week").put("value", 1))), "must have a unit of");
    assertInvalid(created(new JsonObject().put("gt",
        new JsonObject().put("unit", "day"))), "must have a value");
    assertInvalid(created(new JsonObject().put("gt",
        new JsonObject().put("unit", "day").put("value", 10_000_000))),
        "must have a value between");
    assertInvalid(created("2024-01-01"), "must be an object with any of");
    assertInvalid(tree(leaf("created_at", false, new JsonObject())),
        "parameter 'created_at' is required");
  }

  private static JsonObject created(Object value) {
    return tree(leaf("created_at", false, new JsonObject().put("created_at", value)));
  }

  @Test
  void hostileAndHugeValuesAreRefusedWithTheLimitNamed() {
    assertInvalid(tree(leaf("email", false, new JsonObject().put("email", "a\u0000b"))),
        "NUL");
    assertInvalid(tree(leaf("email", false, new JsonObject().put("email", "x".repeat(1001)))),
        "longer than 1000 characters");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      many.add("web");
    }
    assertInvalid(tree(leaf("source", false, new JsonObject().put("source", many))),
        "more than 1000 values");
  }

  @Test
  void treesDeeperOrLargerThanTheLimitsAreRefused() {
    JsonObject deep = active(true);
    for (int i = 0; i < CriteriaLimits.MAX_DEPTH; i++) {
      deep = op("AND", deep);
    }
    assertInvalid(tree(deep), "nested deeper than 10 levels");

    JsonObject[] wide = Collections.nCopies(101, active(true)).toArray(JsonObject[]::new);
    assertInvalid(tree(wide), "more than 100 nodes");
  }

  @Test
  void treesAtTheLimitsStillCompile() {
    JsonObject deep = active(true);
    for (int i = 0; i < CriteriaLimits.MAX_DEPTH - 1; i++) {
      deep = op("AND", deep);
    }
    JsonObject[] wide = Collections.nCopies(100, active(true)).toArray(JsonObject[]::new);

    assertThat(compile(tree(deep))).contains("c1.id IS NOT NULL");
    assertThat(compile(tree(wide))).contains(") c100 ON");
  }

  @Test
  void unknownKeysTablesOperatorsAndVersionsAreRefused() {
    assertInvalid(tree(leaf("nope", false, new JsonObject())), "unknown criterion 'nope'");
    assertInvalid(tree(op("XOR", active(true))), "operator must be \"AND\" or \"OR\"");
    assertInvalid(tree(op("and", active(true))), "operator must be \"AND\" or \"OR\"");
    assertInvalid(tree(new JsonObject().put("type", "magic")), "type must be");
    assertInvalid(tree(active(true)).put("version", "2"), "criteria version must be \"1\"");
    assertInvalid(new JsonObject().put("nodes", new JsonArray()), "criteria version");
    assertInvalid(tree(), "must be a non-empty list of nodes");
    assertInvalid(tree(op("AND")), "must be a non-empty list of nodes");
    assertInvalid(tree(active(true)).put("extra", 1), "unknown field 'extra'");
    assertInvalid(tree(active(true).put("sql", "DROP TABLE users")), "unknown field 'sql'");
    assertInvalid(tree(leaf("active", false, new JsonObject().put("activ", true))),
        "criterion 'active' has no parameter 'activ'");
    assertInvalid(tree(active(true).put("negation", "yes")), "negation must be true or false");
    assertInvalid(tree(active(true).put("fields", new JsonArray().add("email"))),
        "outputs only");
    assertThatThrownBy(() -> compiler.compile("orders", tree(active(true))))
        .hasMessageContaining("table_name 'orders' has no criteria");
    assertThatThrownBy(() -> compiler.compile(null, tree(active(true))))
        .hasMessageContaining("table_name is required");
  }

  @Test
  void segmentCriterionExistsOnlyWithNesting() {
    JsonObject node = leaf("segment", false,
        new JsonObject().put("segment", new JsonArray().add("b").add("a").add("b")));

    assertInvalid(tree(node), "unknown criterion 'segment'");
    CompiledCriteria compiled = nesting.compile("users", tree(node));
    assertThat(compiled.sql()).contains("LEFT JOIN (SELECT id FROM"
        + " (%segment.a%) s1 UNION SELECT id FROM (%segment.b%) s2) c1 ON c1.id = %table%.id");
    assertThat(compiled.suggestedName()).isEqualTo("Member of a or b");
  }

  @Test
  void segmentCodesMustBePlainCodes() {
    JsonObject bad = leaf("segment", false,
        new JsonObject().put("segment", new JsonArray().add("a%) x; --")));

    assertThatThrownBy(() -> nesting.compile("users", tree(bad)))
        .hasMessageContaining("segment codes are made of a-z, 0-9, '_' and '-'");
    assertThatThrownBy(() -> nesting.compile("users", tree(leaf("segment", false,
        new JsonObject())))).hasMessageContaining("non-empty list of segment codes");
  }

  @Test
  void fingerprintIgnoresOperatorsOrderAndDefaultsButNotValuesOrNegation() {
    JsonObject one = tree(op("AND", source("web", "ios"), leaf("payment", false,
        new JsonObject())));
    JsonObject same = tree(op("OR", leaf("payment", false, new JsonObject()
        .put("status", new JsonArray().add("paid"))), source("ios", "web", "ios")));
    JsonObject otherValue = tree(op("AND", source("web"), leaf("payment", false,
        new JsonObject())));
    JsonObject negated = tree(op("AND", source("web", "ios"), leaf("payment", true,
        new JsonObject())));

    assertThat(compiler.fingerprint("users", same)).isEqualTo(compiler.fingerprint("users", one));
    assertThat(compiler.fingerprint("users", otherValue))
        .isNotEqualTo(compiler.fingerprint("users", one));
    assertThat(compiler.fingerprint("users", negated))
        .isNotEqualTo(compiler.fingerprint("users", one));
  }

  @Test
  void codesAreGeneratedFromNames() {
    assertThat(SegmentCodes.fromName("Active and (Source or not Has subscription)"))
        .isEqualTo("active_and_source_or_not_has_subscription");
    assertThat(SegmentCodes.fromName("Žluťoučký kůň — 100%")).isEqualTo("zlutoucky_kun_100");
    assertThat(SegmentCodes.fromName("!!!")).isEqualTo("segment");
  }
}
