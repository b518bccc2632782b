package dev.jbuild.cli.build.cache;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of file errors, which Java reports as a bare path. */
final class CacheIoErrors {
  private CacheIoErrors() {}

  static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason == null) {
        reason = reason(e);
      }
      return f.getFile() + ": " + reason;
    }
    return String.valueOf(e.getMessage());
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    return e.getClass().getSimpleName();
  }
}
