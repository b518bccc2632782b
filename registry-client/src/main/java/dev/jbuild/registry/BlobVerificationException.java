package dev.jbuild.registry;

/** Downloaded content did not match the digest or size it was asked for; nothing was kept. */
public final class BlobVerificationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  BlobVerificationException(String message) {
    super(message);
  }
}
