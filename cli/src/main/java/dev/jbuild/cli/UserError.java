package dev.jbuild.cli;

/**
 * A failure caused by the user's input or environment: printed as one line (plus any excerpt the
 * message carries), never with a stack trace.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
