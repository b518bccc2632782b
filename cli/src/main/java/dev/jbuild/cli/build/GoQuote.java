package dev.jbuild.cli.build;

import java.util.List;

/** Go's {@code %q} formatting, which BuildKit uses in history {@code created_by} texts. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format("\\x%02x", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  /** {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
  static String quoteList(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(quote(items.get(i)));
    }
    return b.append(']').toString();
  }

  /** {@code %v} of a {@code []string}: {@code [a b]}. */
  static String plainList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}
