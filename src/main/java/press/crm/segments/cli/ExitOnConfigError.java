package press.crm.segments.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import press.crm.segments.config.ConfigException;

/** Turns a configuration error into one clear line and exit code 2, without a stack trace. */
final class ExitOnConfigError implements IExecutionExceptionHandler {

  static final int CONFIG_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed)
      throws Exception {
    Throwable cause = e;
    while (cause != null && !(cause instanceof ConfigException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      throw e;
    }
    cmd.getErr().println("Invalid configuration: " + cause.getMessage());
    return CONFIG_ERROR;
  }
}
