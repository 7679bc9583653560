package press.crm.segments.config;

import java.util.regex.Pattern;

/** Plain SQL identifiers: the only names the server ever writes into SQL text unquoted. */
public final class Identifiers {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Identifiers() {
  }

  public static boolean isPlain(String name) {
    return name != null && PLAIN.matcher(name).matches();
  }
}
