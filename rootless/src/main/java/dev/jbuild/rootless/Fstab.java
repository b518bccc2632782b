package dev.jbuild.rootless;

import java.nio.file.Path;

/** Builds an fstab for one {@code mount -a -T}: all of a sandbox's mounts in one process. */
final class Fstab {
  private final StringBuilder text = new StringBuilder();

  Fstab add(Object source, Path target, String type, String options) {
    text.append(escape(source.toString()))
        .append(' ')
        .append(escape(target.toString()))
        .append(' ')
        .append(type)
        .append(' ')
        .append(options)
        .append(" 0 0\n");
    return this;
  }

  Fstab bind(Path source, Path target, String options) {
    return add(source, target, "none", options);
  }

  String text() {
    return text.toString();
  }

  /** fstab's octal escapes for the characters that would split a field. */
  static String escape(String field) {
    StringBuilder out = new StringBuilder();
    for (char c : field.toCharArray()) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\\' || c == '#') {
        out.append(String.format("\\%03o", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
