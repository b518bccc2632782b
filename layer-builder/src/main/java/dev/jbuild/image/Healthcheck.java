package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * HEALTHCHECK as docker stores it: {@code Test} is {@code ["NONE"]}, {@code ["CMD", …]} or {@code
 * ["CMD-SHELL", "cmd"]}; durations are nanoseconds; zero values are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
public record Healthcheck(
    @JsonProperty("Test") @Nullable List<String> test,
    @JsonProperty("Interval") @Nullable Long intervalNanos,
    @JsonProperty("Timeout") @Nullable Long timeoutNanos,
    @JsonProperty("StartPeriod") @Nullable Long startPeriodNanos,
    @JsonProperty("StartInterval") @Nullable Long startIntervalNanos,
    @JsonProperty("Retries") @Nullable Integer retries) {

  public Healthcheck {
    test = test == null || test.isEmpty() ? null : List.copyOf(test);
    intervalNanos = zeroToNull(intervalNanos);
    timeoutNanos = zeroToNull(timeoutNanos);
    startPeriodNanos = zeroToNull(startPeriodNanos);
    startIntervalNanos = zeroToNull(startIntervalNanos);
    retries = retries == null || retries == 0 ? null : retries;
  }

  private static @Nullable Long zeroToNull(@Nullable Long v) {
    return v == null || v == 0 ? null : v;
  }
}
