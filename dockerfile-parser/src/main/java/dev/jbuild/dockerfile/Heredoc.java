package dev.jbuild.dockerfile;

/**
 * A heredoc body attached to RUN, COPY or ADD ({@code <<EOF}, {@code <<-EOF}, {@code 3<<EOF}).
 *
 * @param name the delimiter word with quotes removed
 * @param fileDescriptor the fd prefix ({@code 3<<EOF}); 0 when absent
 * @param expand false when any part of the delimiter was quoted (no variable expansion)
 * @param chomp {@code <<-}: leading tabs are stripped from the body
 * @param content the body as written, line endings included, tabs not yet stripped
 */
public record Heredoc(
    String name, int fileDescriptor, boolean expand, boolean chomp, String content) {

  /** The body with leading tabs removed from every line when {@link #chomp()} is set. */
  public String effectiveContent() {
    return chomp ? content.replaceAll("(?md)^\t+", "") : content;
  }

  /** A body starting with {@code #!} is run as a script rather than fed to the shell. */
  public boolean isScript() {
    return content.startsWith("#!");
  }
}
