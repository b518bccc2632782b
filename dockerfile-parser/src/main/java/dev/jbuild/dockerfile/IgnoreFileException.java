package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** A .dockerignore pattern is invalid. */
public final class IgnoreFileException extends DockerfileException {
  private static final long serialVersionUID = 1L;

  public IgnoreFileException(String detail) {
    this(Where.UNKNOWN, detail, null);
  }

  public IgnoreFileException(String detail, @Nullable String hint) {
    this(Where.UNKNOWN, detail, hint);
  }

  public IgnoreFileException(Where where, String detail, @Nullable String hint) {
    super(where, detail, hint);
  }

  @Override
  public IgnoreFileException at(Where where) {
    return new IgnoreFileException(merge(where), detail(), hint());
  }
}
