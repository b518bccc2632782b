package dev.jbuild.cli.build.copy;

import java.nio.file.Path;

/**
 * Told which paths of a source tree a build's cache keys depended on, so that a later build can
 * tell with a stat of each that nothing it read has changed (the up-to-date record).
 */
public interface PathWatch {
  /** Watches nothing: trees the build made itself (heredocs, downloads, stage filesystems). */
  PathWatch NONE =
      new PathWatch() {
        @Override
        public void saw(Path path, StatAttributes attributes) {}

        @Override
        public void lookedUp(Path path) {}
      };

  /** The keys used {@code path}'s lstat {@code attributes} (and, for a directory, its listing). */
  void saw(Path path, StatAttributes attributes);

  /** The build looked {@code path} up (followed it, tested it, or listed it) without a stat. */
  void lookedUp(Path path);
}
