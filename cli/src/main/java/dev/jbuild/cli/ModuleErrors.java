package dev.jbuild.cli;

import org.jspecify.annotations.Nullable;

/** The typed, user-facing exceptions of the other modules and how each prints itself. */
final class ModuleErrors {
  private ModuleErrors() {}

  static boolean isUserFacing(Throwable ex) {
    return userMessage(ex) != null;
  }

  static @Nullable String userMessage(Throwable ex) {
    if (ex instanceof UserError) {
      return ex.getMessage();
    }
    return null;
  }
}
