package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Splits one logical line into keyword, flags and arguments, per instruction kind. */
final class LineParsers {
  private static final int MAX_ONBUILD_NESTING = 64;
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  private LineParsers() {}

  /** Arguments of one line and whether they were written in JSON form. */
  record Args(List<String> args, @Nullable AstNode child, boolean json) {
    static final Args NONE = new Args(List.of(), null, false);

    static Args of(List<String> args) {
      return new Args(args, null, false);
    }
  }

  /** Parses a logical line into a node (lines are attached by the caller). */
  static AstNode nodeFromLine(String line, char escape) throws DockerfileSyntaxException {
    return nodeFromLine(line, escape, 0);
  }

  private static AstNode nodeFromLine(String line, char escape, int depth)
      throws DockerfileSyntaxException {
    if (depth > MAX_ONBUILD_NESTING) {
      throw new DockerfileSyntaxException(
          "ONBUILD nested too deeply", "ONBUILD takes one instruction that is not ONBUILD");
    }
    String[] cmdline = WHITESPACE.split(GoText.trimSpace(line), 2);
    String keyword = cmdline[0];
    List<String> flags = new ArrayList<>();
    String rest = "";
    if (cmdline.length == 2) {
      rest = GoText.trimSpace(BuilderFlags.extract(cmdline[1], flags));
    }
    Args args = dispatch(keyword.toLowerCase(Locale.ROOT), rest, escape, depth);
    return new AstNode(
        keyword, List.copyOf(flags), args.args(), args.child(), args.json(), List.of(), line, 0, 0);
  }

  private static Args dispatch(String keyword, String rest, char escape, int depth)
      throws DockerfileSyntaxException {
    switch (keyword) {
      case "add", "copy", "volume":
        return maybeJsonToList(rest);
      case "arg":
        return Args.of(Words.split(rest, escape));
      case "cmd", "entrypoint", "run", "shell":
        return maybeJson(rest);
      case "env":
        return NameValues.parse(rest, "ENV", escape);
      case "label":
        return NameValues.parse(rest, "LABEL", escape);
      case "expose", "from":
        return whitespaceDelimited(rest);
      case "healthcheck":
        return healthcheck(rest);
      case "maintainer", "stopsignal", "user", "workdir":
        return rest.isEmpty() ? Args.NONE : Args.of(List.of(rest));
      case "onbuild":
        return rest.isEmpty()
            ? Args.NONE
            : new Args(List.of(), nodeFromLine(rest, escape, depth + 1), false);
      default:
        return Args.of(List.of(""));
    }
  }

  static Args whitespaceDelimited(String rest) {
    if (rest.isEmpty()) {
      return Args.NONE;
    }
    return Args.of(List.of(WHITESPACE.split(rest, -1)));
  }

  private static @Nullable List<String> json(String rest) throws DockerfileSyntaxException {
    String trimmed = GoText.trimLeftSpace(rest);
    if (!trimmed.startsWith("[")) {
      return null;
    }
    try {
      return JsonArray.parse(trimmed);
    } catch (JsonArray.NotStringArray e) {
      throw new DockerfileSyntaxException(
          "when using JSON array syntax, arrays must be comprised of strings only",
          "quote every element, e.g. [\"echo\", \"1\"], or use the shell form");
    }
  }

  static Args maybeJson(String rest) throws DockerfileSyntaxException {
    if (rest.isEmpty()) {
      return Args.NONE;
    }
    List<String> parsed = json(rest);
    return parsed != null ? new Args(parsed, null, true) : Args.of(List.of(rest));
  }

  static Args maybeJsonToList(String rest) throws DockerfileSyntaxException {
    List<String> parsed = json(rest);
    return parsed != null ? new Args(parsed, null, true) : whitespaceDelimited(rest);
  }

  private static Args healthcheck(String rest) throws DockerfileSyntaxException {
    int sep = 0;
    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
      sep++;
    }
    int next = sep;
    while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
      next++;
    }
    if (sep == 0) {
      return Args.NONE;
    }
    Args cmd = maybeJson(rest.substring(next));
    List<String> all = new ArrayList<>();
    all.add(rest.substring(0, sep));
    all.addAll(cmd.args());
    return new Args(List.copyOf(all), null, cmd.json());
  }
}
