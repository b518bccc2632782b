package dev.jbuild.rootless;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small process and temp-file helpers shared by the launchers. */
final class Processes {
  private Processes() {}

  static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new RootlessException("interrupted while waiting for process " + process.pid(), e);
    }
  }

  /** A fresh 0700 directory: FIFOs and generated files in it are ours alone. */
  static Path privateTempDir(Path parent, String prefix) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(
          parent,
          prefix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new RootlessException("creating a temp dir in " + parent + ": " + e.getMessage(), e);
    }
  }

  static void closeAndDelete(Closeable closeable, Path... paths) {
    try {
      closeable.close();
    } catch (IOException e) {
      // nothing left to release
    }
    deleteQuietly(paths);
  }

  static void deleteQuietly(Path... paths) {
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // best effort: a temp file left behind is harmless
      }
    }
  }
}
