package dev.jbuild.registry;

/** The registry has no manifest for the requested tag or digest. */
public final class ManifestUnknownException extends RegistryException {
  private static final long serialVersionUID = 1L;

  ManifestUnknownException(String message) {
    super(message);
  }
}
