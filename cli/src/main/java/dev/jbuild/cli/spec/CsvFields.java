package dev.jbuild.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fields of a buildx-style flag value ({@code --output}, {@code --cache-to}, {@code
 * --cache-from}), read as buildx reads them with Go's CSV reader: commas separate fields, double
 * quotes protect commas, and {@code ""} inside quotes is one quote.
 */
public final class CsvFields {
  private CsvFields() {}

  /** Splits {@code value}; an unclosed quote throws what {@code unterminatedQuote} makes. */
  public static List<String> split(String value, Supplier<RuntimeException> unterminatedQuote) {
    List<String> fields = new ArrayList<>();
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
      throw unterminatedQuote.get();
    }
    fields.add(cur.toString());
    return fields;
  }
}
