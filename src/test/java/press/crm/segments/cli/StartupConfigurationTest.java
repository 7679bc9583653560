package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import press.crm.segments.Main;

/** The real process refuses to start on an invalid configuration, naming the key. */
class StartupConfigurationTest {

  private record Outcome(int exit, String stdout, String stderr) {
  }

  private static Outcome run(Map<String, String> env, String... args) throws Exception {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(javaBin);
    builder.command().add("-cp");
    builder.command().add(System.getProperty("java.class.path"));
    builder.command().add(Main.class.getName());
    builder.command().addAll(List.of(args));
    builder.environment().keySet().removeIf(name -> name.startsWith("SEGMENTS_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the process did not exit");
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(process.exitValue(), stdout, stderr);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "SEGMENTS_RECALC_DAILY_TIME | 25:00 | recalculation.daily_time",
      "SEGMENTS_RECALC_DAILY_TIME | 4:0x | recalculation.daily_time",
      "SEGMENTS_RECALC_HOURLY_MINUTE | 60 | recalculation.hourly_minute",
      "SEGMENTS_HTTP_PORT | http | http.port",
  })
  void serveStopsWithExitCodeTwoNamingTheKey(String env, String value, String key)
      throws Exception {
    Outcome outcome = run(Map.of(env, value, "SEGMENTS_JWT_SECRET", "a-secret-long-enough-1234"),
        "serve");

    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("Invalid configuration: " + key);
  }

  @org.junit.jupiter.api.Test
  void serveWithoutAnyTokenKeyRefusesToStart() throws Exception {
    Outcome outcome = run(Map.of(), "serve");

    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("auth.jwt.secret");
  }

  @org.junit.jupiter.api.Test
  void helpListsTheCommands() throws Exception {
    Outcome outcome = run(Map.of(), "--help");

    assertThat(outcome.exit()).isZero();
    assertThat(outcome.stdout()).contains("serve").contains("migrate");
  }
}
