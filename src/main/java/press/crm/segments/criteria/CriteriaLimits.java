package press.crm.segments.criteria;

/**
 * Bounds on what one criteria tree may ask for. They keep a request's SQL (and the work of
 * compiling it) small; anything beyond them is a 400 that names the limit.
 */
public final class CriteriaLimits {

  /** Operator nesting: the root's nodes are at depth 1. */
  public static final int MAX_DEPTH = 10;
  /** Operator and criteria nodes in one tree. */
  public static final int MAX_NODES = 100;
  /** Values in one array parameter. */
  public static final int MAX_ARRAY_VALUES = 1000;
  /** Characters in one text value. */
  public static final int MAX_STRING_LENGTH = 1000;
  /** Absolute value of numbers and decimals. */
  public static final long MAX_MAGNITUDE = 1_000_000_000_000_000L;
  /** Decimal places of a decimal. */
  public static final int MAX_SCALE = 10;
  /** Absolute value of a relative datetime's count of units. */
  public static final long MAX_RELATIVE = 100_000;

  private CriteriaLimits() {
  }
}
