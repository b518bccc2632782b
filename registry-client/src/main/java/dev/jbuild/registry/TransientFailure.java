package dev.jbuild.registry;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A failure worth retrying from a safe point (a new upload session), with the wait asked for. */
final class TransientFailure extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Duration retryAfter;

  TransientFailure(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message);
    this.retryAfter = retryAfter;
    if (cause != null) {
      initCause(cause);
    }
  }

  @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
