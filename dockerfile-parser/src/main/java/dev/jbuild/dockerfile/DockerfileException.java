package dev.jbuild.dockerfile;

import org.jspecify.annotations.Nullable;

/**
 * A user mistake in a Dockerfile, a build argument or a {@code .dockerignore}: never a bug. The
 * message is one line ({@code file:line:col: what}); {@link #userMessage()} adds the offending
 * line, a caret under the column and a hint saying what to do.
 */
public abstract class DockerfileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Where where;
  private final String detail;
  private final @Nullable String hint;

  /** Where an error happened; line and column are 1-based, 0 when unknown. */
  public record Where(String file, int line, int column, String sourceLine) {
    public static final Where UNKNOWN = new Where("", 0, 0, "");
  }

  protected DockerfileException(Where where, String detail, @Nullable String hint) {
    super(format(where, detail));
    this.where = where;
    this.detail = detail;
    this.hint = hint;
  }

  /** The same error located at {@code where} (keeps a known column if the new one is 0). */
  public abstract DockerfileException at(Where where);

  public String file() {
    return where.file();
  }

  public int line() {
    return where.line();
  }

  public int column() {
    return where.column();
  }

  public Where where() {
    return where;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }

  public @Nullable String hint() {
    return hint;
  }

  /** {@code file:line:col: message}, then the offending line, a caret, and a hint. */
  public String userMessage() {
    StringBuilder out = new StringBuilder(getMessage());
    if (!where.sourceLine().isEmpty()) {
      out.append('\n').append("  ").append(where.sourceLine());
      int col = Math.max(1, where.column());
      out.append('\n').append("  ").append(" ".repeat(col - 1)).append('^');
    }
    if (hint != null) {
      out.append('\n').append("hint: ").append(hint);
    }
    return out.toString();
  }

  protected Where merge(Where newer) {
    int column = newer.column() == 0 ? where.column() : newer.column();
    return new Where(newer.file(), newer.line(), column, newer.sourceLine());
  }

  private static String format(Where where, String detail) {
    StringBuilder out = new StringBuilder();
    if (!where.file().isEmpty()) {
      out.append(where.file()).append(':');
    }
    if (where.line() > 0) {
      out.append(where.line()).append(':');
      if (where.column() > 0) {
        out.append(where.column()).append(':');
      }
    }
    if (out.length() > 0) {
      out.append(' ');
    }
    return out.append(detail).toString();
  }
}
