package press.crm.segments.config;

/** How segment queries are run. */
public record EvaluationOptions(int instances, int statementTimeoutMs, int streamBatchSize,
    int streamIdleTimeoutSeconds, int definitionCacheSeconds) {

  static EvaluationOptions from(ConfigReader evaluation) {
    return new EvaluationOptions(
        evaluation.integer("instances", 1, 64),
        evaluation.integer("statement_timeout_ms", 1, 86_400_000),
        evaluation.integer("stream_batch_size", 1, 100_000),
        evaluation.integer("stream_idle_timeout_seconds", 1, 86_400),
        evaluation.integer("definition_cache_seconds", 0, 86_400));
  }
}
