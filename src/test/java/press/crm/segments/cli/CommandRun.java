package press.crm.segments.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Runs one command through picocli as main would, capturing its exit code and output. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun of(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionExceptionHandler(new ExitOnConfigError());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }
}
