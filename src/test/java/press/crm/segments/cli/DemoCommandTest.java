package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = SegmentsCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void helpDescribesTheDemoAndItsUserCount() {
    int exit = run("demo", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("--users").contains("100000")
        .contains("users, subscriptions, payments");
  }

  @Test
  void aUserCountOutOfRangeIsAUsageErrorBeforeAnythingRuns() {
    assertThat(run("demo", "--users", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--users must be between 1 and 10000000, got 0");
  }

  @Test
  void aUserCountThatIsNotANumberIsAUsageError() {
    assertThat(run("demo", "--users", "lots")).isEqualTo(2);
    assertThat(err.toString()).contains("--users");
  }

  @Test
  void demoKeepsTheProcessRunningAfterMain() {
    assertThat(SegmentsCommand.keepsRunning(new String[] {"demo", "--users", "10"})).isTrue();
  }
}
