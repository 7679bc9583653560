package press.crm.segments.criteria;

import java.text.Normalizer;
import java.util.Locale;

/** Segment codes generated from names, for segments saved without a code. */
public final class SegmentCodes {

  private static final int MAX_LENGTH = 100;

  private SegmentCodes() {
  }

  /**
   * A code of a-z, 0-9 and '_' from {@code name}: accents dropped, everything else turned into
   * single underscores, e.g. "Active and Has subscription" becomes
   * "active_and_has_subscription". Uniqueness is the caller's to ensure.
   */
  public static String fromName(String name) {
    String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "_")
        .replaceAll("^_+|_+$", "");
    if (plain.length() > MAX_LENGTH) {
      plain = plain.substring(0, MAX_LENGTH).replaceAll("_+$", "");
    }
    return plain.isEmpty() ? "segment" : plain;
  }
}
