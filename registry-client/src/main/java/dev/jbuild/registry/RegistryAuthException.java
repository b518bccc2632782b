package dev.jbuild.registry;

/** The registry refused our credentials or we have none for a protected repository. */
public final class RegistryAuthException extends RegistryException {
  private static final long serialVersionUID = 1L;

  RegistryAuthException(String message) {
    super(message);
  }
}
