package dev.jbuild.dockerfile.ignore;

import dev.jbuild.dockerfile.IgnoreFileException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One cleaned {@code .dockerignore} pattern, compiled the way moby/patternmatcher does: exact,
 * prefix ({@code dir/**}), suffix ({@code **}{@code /name}) or a regular expression.
 */
public final class IgnorePattern {
  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEX
  }

  private final String cleaned;
  private final boolean exclusion;
  private final Kind kind;
  private final @Nullable Pattern regex;

  private IgnorePattern(String cleaned, boolean exclusion, Kind kind, @Nullable Pattern regex) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    this.kind = kind;
    this.regex = regex;
  }

  /** Null for a blank line; {@code !p} is an exclusion (re-include). */
  public static @Nullable IgnorePattern compile(String text) throws IgnoreFileException {
    String p = dev.jbuild.dockerfile.ast.GoText.trimSpace(text);
    if (p.isEmpty()) {
      return null;
    }
    p = PathClean.clean(p);
    boolean exclusion = false;
    if (p.charAt(0) == '!') {
      if (p.length() == 1) {
        throw new IgnoreFileException(
            "illegal exclusion pattern: \"!\"", "write !<pattern> to re-include paths");
      }
      exclusion = true;
      p = p.substring(1);
    }
    checkBrackets(p);
    return build(p, exclusion);
  }

  private static IgnorePattern build(String p, boolean exclusion) throws IgnoreFileException {
    StringBuilder re = new StringBuilder("^");
    Kind kind = Kind.EXACT;
    int[] cps = p.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int ch = cps[i];
      if (ch == '*' && i + 1 < cps.length && cps[i + 1] == '*') {
        int start = i;
        i++;
        if (i + 1 < cps.length && cps[i + 1] == '/') {
          i++;
        }
        if (i + 1 >= cps.length) {
          if (kind == Kind.EXACT) {
            kind = Kind.PREFIX;
          } else {
            re.append(".*");
            kind = Kind.REGEX;
          }
        } else {
          re.append("(.*/)?");
          kind = Kind.REGEX;
        }
        if (start == 0) {
          kind = Kind.SUFFIX;
        }
      } else if (ch == '*') {
        re.append("[^/]*");
        kind = Kind.REGEX;
      } else if (ch == '?') {
        re.append("[^/]");
        kind = Kind.REGEX;
      } else if (".+()|{}$".indexOf(ch) >= 0) {
        re.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (i + 1 < cps.length) {
          int next = cps[++i];
          re.append('\\').appendCodePoint(next);
          kind = Kind.REGEX;
        } else {
          re.append("\\\\");
        }
      } else if (ch == '[' || ch == ']') {
        re.appendCodePoint(ch);
        kind = Kind.REGEX;
      } else {
        re.appendCodePoint(ch);
      }
    }
    Pattern regex = null;
    if (kind == Kind.REGEX) {
      try {
        regex = Pattern.compile(re.append("\\z").toString(), Pattern.UNIX_LINES);
      } catch (PatternSyntaxException e) {
        throw badPattern(p);
      }
    }
    return new IgnorePattern(p, exclusion, kind, regex);
  }

  /** Rejects what Go's {@code filepath.Match} calls a bad pattern: unclosed or empty classes. */
  private static void checkBrackets(String p) throws IgnoreFileException {
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 >= p.length()) {
          throw badPattern(p);
        }
        i += 2;
      } else if (c == '[') {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
          j++;
        }
        int first = j;
        while (j < p.length() && (p.charAt(j) != ']' || j == first)) {
          j += p.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= p.length() || j == first) {
          throw badPattern(p);
        }
        i = j + 1;
      } else {
        i++;
      }
    }
  }

  private static IgnoreFileException badPattern(String p) {
    return new IgnoreFileException(
        "syntax error in pattern: " + p, "close every '[' with ']' and escape a literal '\\\\'");
  }

  public boolean exclusion() {
    return exclusion;
  }

  /** The pattern without its {@code !}. */
  public String cleaned() {
    return cleaned;
  }

  /** The part before the first wildcard or escape: every match starts with it. */
  public String literalPrefix() {
    for (int i = 0; i < cleaned.length(); i++) {
      if ("*?[\\".indexOf(cleaned.charAt(i)) >= 0) {
        return cleaned.substring(0, i);
      }
    }
    return cleaned;
  }

  public boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(cleaned);
      case PREFIX:
        return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX:
        // "**/x" matches x at a path-element boundary; "**x" any suffix.
        String suffix = cleaned.substring(2);
        if (suffix.startsWith("/")) {
          return path.equals(suffix.substring(1)) || path.endsWith(suffix);
        }
        return path.endsWith(suffix);
      default:
        return regex != null && regex.matcher(path).find();
    }
  }
}
