package dev.jbuild.layer;

/** A layer cannot be written or read as asked (bad path, missing hardlink target, …). */
public class LayerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LayerException(String message) {
    super(message);
  }

  public LayerException(String message, Throwable cause) {
    super(message, cause);
  }
}
