package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/** One {@code lstat} of a source path: its type and permission bits and its mtime. */
record Stat(int mode, FileTime mtime) {
  private static final int TYPE_MASK = 0170000;

  static Stat of(Path path) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(path, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    return new Stat(
        (Integer) Objects.requireNonNull(a.get("mode")),
        (FileTime) Objects.requireNonNull(a.get("lastModifiedTime")));
  }

  boolean isDirectory() {
    return (mode & TYPE_MASK) == 0040000;
  }

  boolean isRegularFile() {
    return (mode & TYPE_MASK) == 0100000;
  }

  boolean isSymbolicLink() {
    return (mode & TYPE_MASK) == 0120000;
  }
}
