package dev.jbuild.rootless;

/** An external command this module drives (unshare, newuidmap, runc...) is not installed. */
public final class MissingToolException extends RootlessException {
  private static final long serialVersionUID = 1L;

  public MissingToolException(String tool, String purpose, String debianPackage) {
    super(
        "'"
            + tool
            + "' not found on PATH (needed to "
            + purpose
            + "): install the Debian package '"
            + debianPackage
            + "'");
  }
}
