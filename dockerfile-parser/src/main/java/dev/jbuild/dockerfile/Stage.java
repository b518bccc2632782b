package dev.jbuild.dockerfile;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stage to build.
 *
 * @param index position of its FROM among all stages of the Dockerfile (0-based)
 * @param name the lower-cased {@code AS} name, or null
 * @param platform the expanded {@code FROM --platform}, or null for the target platform
 * @param from the FROM instruction (location and original text for progress output)
 * @param steps the instructions after FROM, unexpanded; ONBUILD triggers of a parent stage come
 *     first
 * @param dependsOn indexes of the stages it needs (base, {@code COPY --from}, {@code --mount
 *     from}); all appear earlier in {@link BuildPlan#stages()}
 * @param imageSources image references used by {@code COPY --from} / {@code --mount from}
 */
public record Stage(
    int index,
    @Nullable String name,
    StageBase base,
    @Nullable String platform,
    Instruction.From from,
    List<Instruction> steps,
    List<Integer> dependsOn,
    List<String> imageSources) {
  public Stage {
    steps = List.copyOf(steps);
    dependsOn = List.copyOf(dependsOn);
    imageSources = List.copyOf(imageSources);
  }

  /** The name for progress lines: the stage name or {@code stage-<index>}. */
  public String displayName() {
    return name != null ? name : "stage-" + index;
  }
}
