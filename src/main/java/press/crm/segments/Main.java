package press.crm.segments;

import picocli.CommandLine;
import press.crm.segments.cli.SegmentsCommand;

/** Entry point of {@code java -jar crm-segments.jar}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    int exit = SegmentsCommand.commandLine().execute(args);
    if (exit != 0 || !SegmentsCommand.keepsRunning(args)) {
      System.exit(exit);
    }
  }
}
