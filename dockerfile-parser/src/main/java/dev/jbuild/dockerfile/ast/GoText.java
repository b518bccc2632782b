package dev.jbuild.dockerfile.ast;

/**
 * Go's text predicates ({@code unicode.IsSpace}, {@code strconv.Quote}) that the reference uses.
 */
public final class GoText {
  private GoText() {}

  /** Go's {@code unicode.IsSpace}. */
  public static boolean isSpace(int cp) {
    switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0:
        return true;
      default:
        return cp > 0xFF && Character.isSpaceChar(cp);
    }
  }

  public static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!isSpace(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  public static String trimRightSpace(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Go's {@code strings.TrimSpace}. */
  public static String trimSpace(String s) {
    return trimRightSpace(trimLeftSpace(s));
  }

  /** Go's {@code strconv.Quote}: escapes quotes, backslashes and non-printable runes. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendQuoted(out, cp));
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int cp) {
    if (cp == '"' || cp == '\\') {
      out.append('\\').appendCodePoint(cp);
    } else if (isPrint(cp)) {
      out.appendCodePoint(cp);
    } else {
      switch (cp) {
        case 7 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0B -> out.append("\\v");
        default -> {
          if (cp < ' ' || cp == 0x7F) {
            out.append(String.format("\\x%02x", cp));
          } else if (cp < 0x10000) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
  }

  /**
   * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (Character.isSurrogate((char) cp) && cp < 0x10000) {
      return false;
    }
    int type = Character.getType(cp);
    return (type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_NUMBER)
        || (type >= Character.DASH_PUNCTUATION && type <= Character.FINAL_QUOTE_PUNCTUATION);
  }
}
