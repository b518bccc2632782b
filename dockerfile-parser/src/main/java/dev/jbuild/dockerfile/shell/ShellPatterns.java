package dev.jbuild.dockerfile.shell;

import dev.jbuild.dockerfile.ExpansionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shell wildcard patterns of {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}. */
final class ShellPatterns {
  private ShellPatterns() {}

  static String trimPrefix(String pattern, String value, boolean greedy) throws ExpansionException {
    Matcher m = compile(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /** Shortest/longest rightmost match, found as a leftmost match on the reversed strings. */
  static String trimSuffix(String pattern, String value, boolean greedy) throws ExpansionException {
    String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
    return reverse(reversed);
  }

  static String replace(String value, String pattern, String replacement, boolean all)
      throws ExpansionException {
    Matcher m = compile(pattern, true, false).matcher(value);
    String literal = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(literal) : m.replaceFirst(literal);
  }

  private static Pattern compile(String pattern, boolean greedy, boolean anchored)
      throws ExpansionException {
    int[] cps = pattern.codePoints().toArray();
    StringBuilder out = new StringBuilder(anchored ? "^" : "");
    for (int i = 0; i < cps.length; i++) {
      int tok = cps[i];
      if (tok == '*') {
        out.append(greedy ? ".*" : ".*?");
      } else if (tok == '?') {
        out.append('.');
      } else if (tok == '\\') {
        int next = i + 1 < cps.length ? cps[i + 1] : -1;
        if (next == '}' || next == '/') {
          continue;
        }
        if (next != '*' && next != '?' && next != '\\') {
          throw new ExpansionException(
              "invalid pattern ("
                  + pattern
                  + ") in substitution: invalid escape '\\"
                  + (next == -1 ? "" : Character.toString(next))
                  + "'");
        }
        out.append('\\').appendCodePoint(next);
        i++;
      } else {
        out.append(Pattern.quote(Character.toString(tok)));
      }
    }
    return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
  }

  private static String reversePattern(String pattern) {
    int[] in = pattern.codePoints().toArray();
    int[] out = new int[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last; ) {
      int outIdx = last - i;
      if (in[i] == '\\' && i != last) {
        out[outIdx - 1] = in[i];
        out[outIdx] = in[i + 1];
        i += 2;
      } else {
        out[outIdx] = in[i];
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  private static String reverse(String s) {
    int[] cps = s.codePoints().toArray();
    int[] out = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      out[cps.length - 1 - i] = cps[i];
    }
    return new String(out, 0, out.length);
  }
}
