package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** A variable expansion failed (bad substitution, ${v:?msg}, unterminated quote). */
public final class ExpansionException extends DockerfileException {
  private static final long serialVersionUID = 1L;

  public ExpansionException(String detail) {
    this(Where.UNKNOWN, detail, null);
  }

  public ExpansionException(String detail, @Nullable String hint) {
    this(Where.UNKNOWN, detail, hint);
  }

  public ExpansionException(Where where, String detail, @Nullable String hint) {
    super(where, detail, hint);
  }

  @Override
  public ExpansionException at(Where where) {
    return new ExpansionException(merge(where), detail(), hint());
  }
}
