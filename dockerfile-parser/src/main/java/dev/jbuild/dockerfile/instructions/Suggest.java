package dev.jbuild.dockerfile.instructions;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean" by edit distance, like BuildKit's {@code suggest} package. */
public final class Suggest {
  private Suggest() {}

  /** The closest option, or null when none is close enough to be a plausible typo. */
  public static @Nullable String closest(String value, Collection<String> options) {
    String v = value.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String option : options) {
      int d = distance(v, option.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = option;
        bestDistance = d;
      }
    }
    int threshold = Math.max(1, Math.min(v.length(), 8) / 3);
    return best != null && bestDistance <= threshold + 1 && bestDistance < v.length() ? best : null;
  }

  /** " (did you mean x?)" or "". */
  public static String hint(String value, Collection<String> options) {
    String s = closest(value, options);
    return s == null ? "" : " (did you mean " + s + "?)";
  }

  static int distance(String a, String b) {
    if (a.length() > 64 || b.length() > 64) {
      return Math.max(a.length(), b.length());
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
