package press.crm.segments.segment;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Generates codes from names: a lower-case slug, made unique with _2, _3, ... */
public final class Codes {

  private static final int MAX_SLUG = 200;

  private Codes() {
  }

  public static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG);
    }
    return slug.isEmpty() ? "segment" : slug;
  }

  /** {@code base} itself when free, otherwise the first free {@code base_N}. */
  public static String unique(String base, Set<String> taken) {
    if (!taken.contains(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String candidate = base + "_" + n;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}
