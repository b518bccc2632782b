package dev.jbuild.dockerfile;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to plan: {@code --build-arg} values, the {@code --target} stage (null: the last stage), and
 * the build and target platforms (they feed the automatic platform ARGs).
 */
public record PlanRequest(
    Map<String, String> buildArgs,
    @Nullable String target,
    Platform buildPlatform,
    Platform targetPlatform) {
  public PlanRequest {
    buildArgs = Map.copyOf(buildArgs);
  }
}
