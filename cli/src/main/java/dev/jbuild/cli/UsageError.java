package dev.jbuild.cli;

/** A command line that cannot be run as given: exit code 2. */
public final class UsageError extends UserError {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }
}
