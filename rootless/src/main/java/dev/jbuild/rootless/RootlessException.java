package dev.jbuild.rootless;

/** Base of every failure this module reports; messages are one line, fit for users. */
public class RootlessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RootlessException(String message) {
    super(message);
  }

  public RootlessException(String message, Throwable cause) {
    super(message, cause);
  }
}
