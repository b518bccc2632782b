package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.spec.CsvFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits {@code k=v,k="v,with,commas"} into keys and values ({@link CsvFields} as buildx reads
 * them). A repeated key or a field without {@code =} is refused.
 */
final class CacheSpecLexer {
  private CacheSpecLexer() {}

  static Map<String, String> keyValues(String flag, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field :
        CsvFields.split(
            value,
            () -> CacheSpecs.bad(flag, value, "unterminated quote", "close the \" or remove it"))) {
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
}
