package dev.jbuild.cli.build.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits {@code k=v,k="v,with,commas"} as buildx does (CSV fields, double quotes protect commas;
 * {@code ""} inside quotes is one quote). A repeated key or a field without {@code =} is refused.
 */
final class CacheSpecLexer {
  private CacheSpecLexer() {}

  static Map<String, String> keyValues(String flag, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : fields(flag, value)) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw CacheSpecs.bad(
            flag,
            value,
            "field \"" + field + "\" is not key=value",
            "write key=value pairs separated by commas");
      }
      String key = field.substring(0, eq).strip();
      if (out.put(key, field.substring(eq + 1)) != null) {
        throw CacheSpecs.bad(flag, value, key + "= given twice", "keep one " + key + "=");
      }
    }
    return out;
  }

  private static java.util.List<String> fields(String flag, String value) {
    java.util.List<String> fields = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw CacheSpecs.bad(flag, value, "unterminated quote", "close the \" or remove it");
    }
    fields.add(cur.toString());
    return fields;
  }
}
