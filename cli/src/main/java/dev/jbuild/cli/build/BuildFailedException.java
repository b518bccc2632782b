package dev.jbuild.cli.build;

/**
 * A build step failed: the message names the Dockerfile, the line, the instruction and the reason,
 * e.g. {@code Dockerfile:7: COPY missing.txt /: "/missing.txt": not found in build context}.
 */
public final class BuildFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
