package press.crm.segments.bus;

/**
 * The event-bus contract between the three verticles: every address, the fields of its request
 * and reply (all JSON objects), and how it fails. Failures are {@code message.fail(code, text)}
 * with a {@link FailureCode}; the text is safe to show an API caller.
 *
 * <p>A segment is named by {@code code} (a saved, non-deleted segment). Where a request may
 * carry an unsaved definition instead, the field {@code definition} holds
 * {@code {"table_name", "version", "query_string"?, "criteria"?, "fields"?}}.
 */
public final class BusContract {

  private BusContract() {
  }

  /** Request and reply field names shared by several addresses. */
  public static final class Fields {
    public static final String CODE = "code";
    public static final String DEFINITION = "definition";
    public static final String COUNT = "count";
    public static final String TIME = "time";
    public static final String QUERY = "query";
    public static final String RESOLVER_TYPE = "resolver_type";
    public static final String RESOLVER_VALUE = "resolver_value";
    public static final String CHECK = "check";
    public static final String FIELDS = "fields";
    public static final String LIMIT = "limit";
    public static final String ROWS = "rows";
    public static final String DONE = "done";
    public static final String STREAM = "stream";
    public static final String CLOSE = "close";
    public static final String DATA = "data";
    public static final String QUERY_STRING = "query_string";
    public static final String REFERENCES = "references";
    public static final String SUGGESTED_NAME = "suggested_name";

    private Fields() {
    }
  }

  /**
   * Count a segment. Request {@code {code}} or {@code {definition}}. Reply
   * {@code {count: long, time: seconds (double), query: final SQL}}. Fails NOT_FOUND, INVALID,
   * TIMEOUT, DATABASE_UNAVAILABLE.
   */
  public static final String COUNT = "segments.evaluation.count";

  /**
   * Is a row a member? Request {@code {code, resolver_type: "id"|"email", resolver_value:
   * string}}. Reply {@code {check: boolean}}; an id that is not an integer is simply false.
   * Fails NOT_FOUND, INVALID (unknown resolver type).
   */
  public static final String CHECK = "segments.evaluation.check";

  /**
   * Open a member stream in primary-key order. Request {@code {code, fields?: [column]}}
   * (default: primary key, plus email on the user table). Reply {@code {stream: address}}: send
   * {@code {}} there to get the next {@code {rows: [object], done: boolean}}, or
   * {@code {close: true}} to stop early. A stream nobody asks for closes after
   * evaluation.stream_idle_timeout_seconds. Fails NOT_FOUND, INVALID.
   */
  public static final String MEMBERS_OPEN = "segments.evaluation.members.open";

  /**
   * Up to {@code limit} rows of a segment with the given fields. Request
   * {@code {code | definition, fields?: [column], limit: int}}. Reply
   * {@code {data: [object], query}}.
   */
  public static final String ITEMS = "segments.evaluation.items";

  /**
   * Check a definition before it is saved: table, statement kind, forbidden tables and
   * functions, nesting (missing references, cycles, nesting switched off), and an EXPLAIN dry
   * run. Request {@code {definition, code?: the code it will be saved under, for cycle
   * checks}}. Reply {@code {query_string: the SQL to store (version 1: as given; version 2:
   * compiled from the criteria), query: the final SQL with every placeholder expanded,
   * references: [codes it nests directly], suggested_name: a name generated from the criteria
   * (version 2) or null}}. Fails INVALID with a message naming the problem.
   */
  public static final String VALIDATE = "segments.evaluation.validate";

  /**
   * Recalculate a saved segment now and store the result (cache_count*, a segments_values row)
   * in one transaction. Request {@code {code}}. Reply {@code {code, count, time}}. Fails
   * NOT_FOUND, TIMEOUT, INVALID (the stored query no longer runs), DATABASE_UNAVAILABLE.
   */
  public static final String RECALCULATE = "segments.evaluation.recalculate";

  /**
   * Published (not sent) by whoever changed a segment definition in this process, right after
   * the change committed and before answering its caller, so evaluation verticles forget the
   * definitions they hold. Body {@code {}}. Other processes learn the same through the
   * PostgreSQL channel {@link #DEFINITIONS_CHANGED_CHANNEL}.
   */
  public static final String DEFINITIONS_CHANGED = "segments.definitions.changed";

  /** PostgreSQL NOTIFY channel raised in the transaction that changes a segment definition. */
  public static final String DEFINITIONS_CHANGED_CHANNEL = "segments_definitions_changed";
}
