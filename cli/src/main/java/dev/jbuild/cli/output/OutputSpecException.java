package dev.jbuild.cli.output;

/** An {@code --output} or transport tag that cannot be understood. */
public final class OutputSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutputSpecException(String message) {
    super(message);
  }
}
