package dev.jbuild.registry;

/** An image reference that docker would reject; the message says what and how to fix it. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidReferenceException(String reference, String problem) {
    super("invalid image reference \"" + reference + "\": " + problem);
  }
}
