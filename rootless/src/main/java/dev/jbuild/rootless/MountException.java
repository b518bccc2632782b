package dev.jbuild.rootless;

/** A mount or unmount failed. */
public final class MountException extends RootlessException {
  private static final long serialVersionUID = 1L;

  public MountException(String message) {
    super(message);
  }
}
