package dev.jbuild.cli.build.copy;

/**
 * One path segment pattern with Go's {@code filepath.Match} syntax, which Dockerfile COPY/ADD
 * sources use: {@code *} (not crossing '/'), {@code ?}, {@code [a-z]}, {@code [^a]}, and backslash
 * escapes.
 */
final class GlobPattern {
  private GlobPattern() {}

  static boolean hasMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} (no '/') matches {@code pattern}; a malformed pattern throws. */
  static boolean matches(String pattern, String name) {
    validateRest(pattern, 0);
    return match(pattern, 0, name, 0);
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return s.indexOf('/', si) < 0;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length() && s.charAt(k) == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        validateRest(p, pi);
        return false;
      }
      char sc = s.charAt(si);
      if (c == '?') {
        if (sc == '/') {
          return false;
        }
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (sc == '/' || !classMatches(p, pi + 1, end, sc)) {
          return false;
        }
        pi = end + 1;
      } else {
        if (c == '\\') {
          pi++;
          if (pi >= p.length()) {
            throw new IllegalArgumentException("syntax error in pattern \"" + p + "\"");
          }
          c = p.charAt(pi);
        }
        if (c != sc) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length();
  }

  private static void validateRest(String p, int pi) {
    for (int i = pi; i < p.length(); i++) {
      if (p.charAt(i) == '[') {
        i = classEnd(p, i);
      } else if (p.charAt(i) == '\\') {
        if (++i >= p.length()) {
          throw new IllegalArgumentException("syntax error in pattern \"" + p + "\"");
        }
      }
    }
  }

  private static int classEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
      first = false;
      i++;
    }
    throw new IllegalArgumentException("syntax error in pattern \"" + p + "\"");
  }

  private static boolean classMatches(String p, int from, int end, char c) {
    boolean negate = from < end && p.charAt(from) == '^';
    int i = negate ? from + 1 : from;
    boolean hit = false;
    while (i < end) {
      char lo = p.charAt(i) == '\\' ? p.charAt(++i) : p.charAt(i);
      i++;
      char hi = lo;
      if (i + 1 < end && p.charAt(i) == '-') {
        i++;
        hi = p.charAt(i) == '\\' ? p.charAt(++i) : p.charAt(i);
        i++;
      }
      if (lo <= c && c <= hi) {
        hit = true;
      }
    }
    return hit != negate;
  }
}
