package press.crm.segments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import press.crm.segments.config.LoggingOptions;

class LoggingSetupTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @AfterEach
  void restoreLogbackXml() throws Exception {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
  }

  @Test
  void jsonLoggingWritesOneJsonObjectPerEvent() {
    LoggingSetup.apply(new LoggingOptions(true, "WARN"));

    ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("json");
    assertThat(appender).isNotNull();
    assertThat(appender.getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(root.getLevel().toString()).isEqualTo("WARN");
    assertThat(root.getAppender("console")).isNull();
  }

  @Test
  void plainLoggingKeepsTheLineFormatAndSetsTheLevel() {
    LoggingSetup.apply(new LoggingOptions(false, "DEBUG"));

    assertThat(root.getAppender("console")).isNotNull();
    assertThat(root.getAppender("json")).isNull();
    assertThat(root.getLevel().toString()).isEqualTo("DEBUG");
  }
}
