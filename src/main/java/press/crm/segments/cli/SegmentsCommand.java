package press.crm.segments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; without a subcommand it serves. */
@Command(
    name = "crm-segments",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reactive segment server, wire-compatible with REMP CRM segments.",
    subcommands = {ServeCommand.class, MigrateCommand.class, DemoCommand.class,
        TokenCommand.class, RevokeCommand.class, RecalculateCommand.class,
        CompressValuesCommand.class, CommandLine.HelpCommand.class})
public final class SegmentsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return new ServeCommand().call();
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SegmentsCommand());
    commandLine.setExecutionExceptionHandler(new ExitOnConfigError());
    return commandLine;
  }

  /** Whether these arguments start a server that outlives {@code main}. */
  public static boolean keepsRunning(String[] args) {
    if (args.length == 0) {
      return true;
    }
    return args[0].equals("serve") || args[0].equals("demo");
  }
}
