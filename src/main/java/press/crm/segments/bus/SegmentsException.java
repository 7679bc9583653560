package press.crm.segments.bus;

/** A failure with a {@link FailureCode} and a message that is safe to show the caller. */
public final class SegmentsException extends RuntimeException {

  private final FailureCode code;

  public SegmentsException(FailureCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public SegmentsException(FailureCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public static SegmentsException invalid(String message) {
    return new SegmentsException(FailureCode.INVALID, message);
  }

  public static SegmentsException notFound(String message) {
    return new SegmentsException(FailureCode.NOT_FOUND, message);
  }

  public static SegmentsException conflict(String message) {
    return new SegmentsException(FailureCode.CONFLICT, message);
  }

  public FailureCode code() {
    return code;
  }
}
