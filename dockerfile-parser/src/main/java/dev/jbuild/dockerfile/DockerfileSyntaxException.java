package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/** The text is not a well-formed Dockerfile (directives, continuations, JSON, heredocs). */
public final class DockerfileSyntaxException extends DockerfileException {
  private static final long serialVersionUID = 1L;

  public DockerfileSyntaxException(String detail) {
    this(Where.UNKNOWN, detail, null);
  }

  public DockerfileSyntaxException(String detail, @Nullable String hint) {
    this(Where.UNKNOWN, detail, hint);
  }

  public DockerfileSyntaxException(Where where, String detail, @Nullable String hint) {
    super(where, detail, hint);
  }

  @Override
  public DockerfileSyntaxException at(Where where) {
    return new DockerfileSyntaxException(merge(where), detail(), hint());
  }
}
