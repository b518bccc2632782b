package dev.jbuild.image;

/** Bad image metadata: malformed digest, JSON, or an inconsistent manifest. One-line message. */
public class ImageFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageFormatException(String message) {
    super(message);
  }

  public ImageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
