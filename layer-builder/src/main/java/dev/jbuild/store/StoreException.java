package dev.jbuild.store;

/** The local store cannot do what was asked (unknown image, unreadable index, …). */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
