package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}): only at the top, keys
 * case-insensitive, each at most once; the escape token also drives line continuation.
 */
final class Directives {
  private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

  private final Map<String, String> seen = new LinkedHashMap<>();
  private boolean done;
  private char escape = '\\';

  char escape() {
    return escape;
  }

  Map<String, String> values() {
    return Map.copyOf(seen);
  }

  /** Consumes a possible directive line; true when it was one. */
  boolean offer(String line) throws DockerfileSyntaxException {
    if (done) {
      return false;
    }
    String[] kv = split(line);
    if (kv == null || !KNOWN.contains(kv[0].toLowerCase(Locale.ROOT))) {
      done = true;
      return false;
    }
    String key = kv[0].toLowerCase(Locale.ROOT);
    if (seen.containsKey(key)) {
      throw new DockerfileSyntaxException(
          "only one " + key + " parser directive can be used",
          "remove the repeated '# " + key + "=' line");
    }
    seen.put(key, kv[1]);
    if (key.equals("escape")) {
      setEscape(kv[1]);
    }
    return true;
  }

  /** {@code #\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$} without a regex (linear on long lines). */
  private static String @Nullable [] split(String line) {
    if (!line.startsWith("#")) {
      return null;
    }
    int i = skipSpace(line, 1);
    int keyStart = i;
    if (i >= line.length() || !isAsciiLetter(line.charAt(i))) {
      return null;
    }
    while (i < line.length() && (isAsciiLetter(line.charAt(i)) || isAsciiDigit(line.charAt(i)))) {
      i++;
    }
    String key = line.substring(keyStart, i);
    i = skipSpace(line, i);
    if (i >= line.length() || line.charAt(i) != '=') {
      return null;
    }
    i = skipSpace(line, i + 1);
    int end = line.length();
    while (end > i && isSpace(line.charAt(end - 1))) {
      end--;
    }
    if (end <= i) {
      return null;
    }
    return new String[] {key, line.substring(i, end)};
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void setEscape(String value) throws DockerfileSyntaxException {
    if (!value.equals("`") && !value.equals("\\")) {
      throw new DockerfileSyntaxException(
          "invalid escape token '" + value + "' does not match ` or \\",
          "use '# escape=\\' (the default) or '# escape=`'");
    }
    escape = value.charAt(0);
  }

  /**
   * Strips a trailing continuation token (not one escaped by a preceding token); returns null when
   * the line does not continue.
   */
  @Nullable String stripContinuation(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    if (end == 0 || line.charAt(end - 1) != escape) {
      return null;
    }
    if (end >= 2 && line.charAt(end - 2) == escape) {
      return null;
    }
    return line.substring(0, end - 1);
  }
}
