package dev.jbuild.rootless;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the generated setup scripts. */
final class Shell {
  private Shell() {}

  static String quote(Object value) {
    return "'" + value.toString().replace("'", "'\\''") + "'";
  }

  static String words(List<?> values) {
    return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
