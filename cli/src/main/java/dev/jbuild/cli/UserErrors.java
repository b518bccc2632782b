package dev.jbuild.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Decides which exceptions are the user's to fix (one line) rather than jbuild bugs. */
final class UserErrors {
  private UserErrors() {}

  static boolean isUserFacing(Throwable ex) {
    return ex instanceof UserError
        || ex instanceof FileSystemException
        || ex instanceof AccessDeniedException
        || ModuleErrors.isUserFacing(ex)
        || (ex instanceof IOException && ex.getMessage() != null);
  }

  static String message(Throwable ex) {
    String msg = ModuleErrors.userMessage(ex);
    if (msg != null) {
      return msg;
    }
    if (ex instanceof FileSystemException fse) {
      String reason = fse.getReason() == null ? describe(fse) : fse.getReason();
      return fse.getFile() + ": " + reason;
    }
    return String.valueOf(ex.getMessage());
  }

  private static String describe(FileSystemException fse) {
    if (fse instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (fse instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (fse instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists";
    }
    return fse.getClass().getSimpleName();
  }
}
