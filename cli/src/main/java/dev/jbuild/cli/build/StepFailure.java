package dev.jbuild.cli.build;

/** A step that cannot be carried out for a reason the user can fix; the engine adds where. */
public class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepFailure(String message) {
    super(message);
  }

  public StepFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
