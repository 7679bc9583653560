package press.crm.segments.criteria;

/**
 * A criteria tree compiled to SQL of the version-1 shape. The SQL may contain the placeholders
 * of version 1 ({@code %table%}, {@code %fields%}, {@code %where%}, {@code %segment.CODE%}),
 * which the evaluation expands exactly as it does for SQL segments.
 *
 * @param sql the query, with every parameter value already validated and safely written
 * @param suggestedName a human name generated from the criteria's labels, for segments saved
 *     without one
 */
public record CompiledCriteria(String sql, String suggestedName) {
}
