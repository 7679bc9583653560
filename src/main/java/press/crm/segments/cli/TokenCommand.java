package press.crm.segments.cli;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import press.crm.segments.config.AppConfig;
import press.crm.segments.http.auth.TokenMinter;

/** Prints a signed bearer token for API callers. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Print an HS256 bearer token signed with auth.jwt.secret.")
public final class TokenCommand implements Callable<Integer> {

  static final int NO_SECRET = 3;

  @Spec
  private CommandSpec spec;

  @Option(names = "--subject", required = true, description = "Who the token is for (sub).")
  private String subject;

  @Option(names = "--scope", required = true, description = "Space-separated endpoint names"
      + " relative to /api/v1 (user-segments/check), group wildcards (user-segments/*) or admin.")
  private String scope;

  @Option(names = "--ttl", defaultValue = "30d", converter = Ttl.class,
      description = "Lifetime: 30d, 12h, 15m or 90s (default: ${DEFAULT-VALUE}).")
  private Duration ttl;

  @Option(names = "--jti", description = "Token id for revocation (default: a random UUID).")
  private String jti;

  @Override
  public Integer call() {
    if (subject.isBlank() || scope.isBlank()) {
      spec.commandLine().getErr().println("--subject and --scope must not be empty");
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.from(Cli.loadConfig(vertx));
      TokenMinter minter;
      try {
        minter = new TokenMinter(vertx, config.auth());
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return NO_SECRET;
      }
      String id = jti == null || jti.isBlank() ? UUID.randomUUID().toString() : jti.trim();
      spec.commandLine().getOut().println(minter.mint(subject.trim(), scope.trim(), ttl, id));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      vertx.close();
    }
  }
}
