package dev.jbuild.dockerfile.ast;

import java.util.List;

/** Extracts the leading {@code --flag[=value]} words of an instruction (quotes removed). */
final class BuilderFlags {
  private BuilderFlags() {}

  /** Adds the flags to {@code out} and returns the rest of the line. */
  static String extract(String line, List<String> out) {
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean inQuote = false;
    boolean blankOk = false;
    char quote = 0;
    for (int pos = 0; pos <= line.length(); pos++) {
      char ch = pos < line.length() ? line.charAt(pos) : 0;
      if (!inWord && !inQuote) {
        if (pos == line.length()) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        inWord = true;
      }
      if (pos == line.length()) {
        String w = word.toString();
        if (!w.equals("--") && (blankOk || !w.isEmpty())) {
          out.add(w);
        }
        break;
      }
      if (inWord) {
        if (GoText.isSpace(ch)) {
          inWord = false;
          String w = word.toString();
          if (w.equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || !w.isEmpty()) {
            out.add(w);
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          inWord = false;
          inQuote = true;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == line.length()) {
            continue;
          }
          ch = line.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      if (ch == quote) {
        inQuote = false;
        inWord = true;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == line.length()) {
          inQuote = false;
          inWord = true;
          continue;
        }
        ch = line.charAt(++pos);
      }
      word.append(ch);
    }
    return "";
  }
}
