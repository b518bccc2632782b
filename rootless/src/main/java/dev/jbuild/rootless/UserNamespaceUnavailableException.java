package dev.jbuild.rootless;

/** Unprivileged user namespaces are blocked on this host; the message names the fix. */
public final class UserNamespaceUnavailableException extends RootlessException {
  private static final long serialVersionUID = 1L;

  public UserNamespaceUnavailableException(String message) {
    super(message);
  }
}
