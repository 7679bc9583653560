package press.crm.segments.criteria;

import java.util.List;

/** The comparisons a range value may use, in the order they are written into SQL. */
enum RangeOperator {
  EQ("eq", "="),
  GT("gt", ">"),
  GTE("gte", ">="),
  LT("lt", "<"),
  LTE("lte", "<=");

  static final List<String> WIRE_NAMES = List.of("eq", "gt", "gte", "lt", "lte");

  final String wire;
  final String sql;

  RangeOperator(String wire, String sql) {
    this.wire = wire;
    this.sql = sql;
  }
}
