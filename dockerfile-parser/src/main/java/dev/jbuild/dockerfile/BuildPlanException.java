package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** The stages cannot be planned (unknown stage, cycle, duplicate name, bad target). */
public final class BuildPlanException extends DockerfileException {
  private static final long serialVersionUID = 1L;

  public BuildPlanException(String detail) {
    this(Where.UNKNOWN, detail, null);
  }

  public BuildPlanException(String detail, @Nullable String hint) {
    this(Where.UNKNOWN, detail, hint);
  }

  public BuildPlanException(Where where, String detail, @Nullable String hint) {
    super(where, detail, hint);
  }

  @Override
  public BuildPlanException at(Where where) {
    return new BuildPlanException(merge(where), detail(), hint());
  }
}
