package dev.jbuild.rootless;

/** A sandbox could not be set up or could not start the step's process. */
public final class SandboxException extends RootlessException {
  private static final long serialVersionUID = 1L;

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
