package dev.jbuild.dockerfile.ast;

import dev.jbuild.dockerfile.DockerfileSyntaxException;
import java.util.ArrayList;
import java.util.List;

/** ENV and LABEL arguments: {@code k=v ...} or the legacy {@code k v}, as (k, v, sep) triples. */
final class NameValues {
  private NameValues() {}

  static LineParsers.Args parse(String rest, String keyword, char escape)
      throws DockerfileSyntaxException {
    List<String> words = Words.split(rest, escape);
    if (words.isEmpty()) {
      return LineParsers.Args.NONE;
    }
    List<String> out = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = LineParsers.WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new DockerfileSyntaxException(
            keyword + " must have two arguments", "write " + keyword + " " + parts[0] + "=<value>");
      }
      return LineParsers.Args.of(List.of(parts[0], parts[1], ""));
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new DockerfileSyntaxException(
            "Syntax error - can't find = in "
                + GoText.quote(word)
                + ". Must be of the form: name=value",
            "quote values that contain spaces: name=\"a b\"");
      }
      out.add(word.substring(0, eq));
      out.add(word.substring(eq + 1));
      out.add("=");
    }
    return LineParsers.Args.of(List.copyOf(out));
  }
}
