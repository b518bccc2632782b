package dev.jbuild.image;

import java.io.IOException;

/** Content did not match the digest or size it was announced with. */
public final class DigestMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String message) {
    super(message);
  }
}
