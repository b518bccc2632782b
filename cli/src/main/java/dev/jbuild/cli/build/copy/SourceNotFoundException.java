package dev.jbuild.cli.build.copy;

/** A COPY/ADD source that does not exist in (or is excluded from) its context. */
public final class SourceNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SourceNotFoundException(String source, String where) {
    super("\"/" + trimSlash(source) + "\": not found in " + where);
  }

  private static String trimSlash(String s) {
    String t = s;
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    return t;
  }
}
