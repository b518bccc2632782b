package dev.jbuild.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads repeatable {@code K=V} flags ({@code --build-arg}, {@code --label}, ...). */
final class KeyValues {
  private KeyValues() {}

  /**
   * {@code K=V} pairs in order; a bare {@code K} takes its value from {@code env} and is dropped
   * when the variable is unset, as docker does for {@code --build-arg}.
   */
  static Map<String, String> withEnvFallback(
      List<String> items, Map<String, String> env, String flag) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq == 0) {
        throw new UsageError(flag + " \"" + item + "\": the name before '=' is empty");
      }
      if (eq < 0) {
        String v = env.get(item);
        if (v != null) {
          out.put(item, v);
        }
      } else {
        out.put(item.substring(0, eq), item.substring(eq + 1));
      }
    }
    return out;
  }

  /** {@code K=V} pairs in order; every item must have an '='. */
  static Map<String, String> strict(List<String> items, String flag) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new UsageError(flag + " \"" + item + "\": expected NAME=VALUE");
      }
      out.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return out;
  }
}
