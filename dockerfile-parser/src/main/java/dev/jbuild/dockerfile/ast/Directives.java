package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}): only at the top, keys
 * case-insensitive, each at most once; the escape token also drives line continuation.
 */
final class Directives {
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*$");
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
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      done = true;
      return false;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!KNOWN.contains(key)) {
      done = true;
      return false;
    }
    if (seen.containsKey(key)) {
      throw new DockerfileSyntaxException(
          "only one " + key + " parser directive can be used",
          "remove the repeated '# " + key + "=' line");
    }
    String value = m.group(2);
    seen.put(key, value);
    if (key.equals("escape")) {
      setEscape(value);
    }
    return true;
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
