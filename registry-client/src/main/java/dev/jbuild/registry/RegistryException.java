package dev.jbuild.registry;

/**
 * A registry operation failed. The message names the step, the registry and repository, and the
 * cause, in one line that can be shown to a user as is.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }

  static String where(String step, String registry, String repository) {
    return repository.isEmpty() ? step + " " + registry : step + " " + registry + "/" + repository;
  }
}
