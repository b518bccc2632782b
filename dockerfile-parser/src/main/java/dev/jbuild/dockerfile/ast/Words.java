package dev.jbuild.dockerfile.ast;

import java.util.ArrayList;
import java.util.List;

/** Splits on unquoted whitespace, keeping quotes and escapes in the words (expanded later). */
final class Words {
  private Words() {}

  static List<String> split(String rest, char escape) {
    List<String> words = new ArrayList<>();
    int[] cps = rest.codePoints().toArray();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean inQuote = false;
    boolean blankOk = false;
    int quote = 0;
    for (int pos = 0; pos <= cps.length; pos++) {
      int ch = pos < cps.length ? cps[pos] : -1;
      if (!inWord && !inQuote) {
        if (pos == cps.length) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        inWord = true;
      }
      if (pos == cps.length) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      if (inWord) {
        if (GoText.isSpace(ch)) {
          inWord = false;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
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
        }
        if (ch == escape) {
          if (pos + 1 == cps.length) {
            continue;
          }
          word.appendCodePoint(ch);
          ch = cps[++pos];
        }
        word.appendCodePoint(ch);
        continue;
      }
      if (ch == quote) {
        inQuote = false;
        inWord = true;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == cps.length) {
          inQuote = false;
          inWord = true;
          continue;
        }
        word.appendCodePoint(ch);
        ch = cps[++pos];
      }
      word.appendCodePoint(ch);
    }
    return words;
  }
}
