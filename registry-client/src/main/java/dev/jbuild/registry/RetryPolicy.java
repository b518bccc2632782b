package dev.jbuild.registry;

import java.time.Duration;

/**
 * How often and how patiently to retry 408/429/5xx answers and broken connections. Backoff doubles
 * from {@code initialBackoff} up to {@code maxBackoff}; a server's {@code Retry-After} is honoured
 * up to {@code maxRetryAfter}.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  Duration backoff(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  Duration retryAfter(Duration asked) {
    return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
  }
}
