package press.crm.segments.criteria;

import java.util.Locale;
import java.util.Optional;

/** The types a criterion parameter can have, with the names used in the file and the API. */
public enum ParamType {
  BOOLEAN,
  STRING,
  STRING_ARRAY,
  NUMBER,
  NUMBER_ARRAY,
  DECIMAL,
  DATETIME;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ParamType> fromWire(String name) {
    for (ParamType type : values()) {
      if (type.wireName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Types whose value may be a range {gt, gte, lt, lte, eq} over a declared expression. */
  public boolean supportsRange() {
    return this == NUMBER || this == DECIMAL || this == DATETIME;
  }

  public boolean isArray() {
    return this == STRING_ARRAY || this == NUMBER_ARRAY;
  }
}
