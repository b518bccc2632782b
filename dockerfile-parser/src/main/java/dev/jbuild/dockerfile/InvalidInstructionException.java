package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** An instruction has wrong arguments, unknown or bad flags, or is unknown. */
public final class InvalidInstructionException extends DockerfileException {
  private static final long serialVersionUID = 1L;

  public InvalidInstructionException(String detail) {
    this(Where.UNKNOWN, detail, null);
  }

  public InvalidInstructionException(String detail, @Nullable String hint) {
    this(Where.UNKNOWN, detail, hint);
  }

  public InvalidInstructionException(Where where, String detail, @Nullable String hint) {
    super(where, detail, hint);
  }

  @Override
  public InvalidInstructionException at(Where where) {
    return new InvalidInstructionException(merge(where), detail(), hint());
  }
}
