package dev.jbuild.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One {@code WWW-Authenticate} challenge: {@code Bearer realm="...",service="...",scope="..."}. */
record Challenge(String scheme, Map<String, String> params) {

  Challenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  @Nullable String param(String name) {
    return params.get(name);
  }

  /** Parses a header value; null when it is empty or not understood. */
  static @Nullable Challenge parse(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? h.length() : space + 1;
    while (i < h.length()) {
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      StringBuilder value = new StringBuilder();
      if (j < h.length() && h.charAt(j) == '"') {
        j++;
        while (j < h.length() && h.charAt(j) != '"') {
          if (h.charAt(j) == '\\' && j + 1 < h.length()) {
            j++;
          }
          value.append(h.charAt(j++));
        }
        j++; // closing quote
      } else {
        while (j < h.length() && h.charAt(j) != ',') {
          value.append(h.charAt(j++));
        }
      }
      params.put(key, value.toString().strip());
      while (j < h.length() && (h.charAt(j) == ',' || h.charAt(j) == ' ')) {
        j++;
      }
      i = j;
    }
    return new Challenge(scheme, params);
  }
}
