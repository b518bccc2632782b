package dev.jbuild.cli.build.cache;

/**
 * A shared-cache export or fetch failed: one line saying which cache, what step and why (for
 * example a blob whose content does not match its digest). Nothing half-written is left behind.
 */
public final class CacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CacheException(String message) {
    super(message);
  }

  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
