package dev.jbuild.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages needed for the target, dependencies first; stages nothing needs are left out.
 *
 * @param file the Dockerfile name used in error messages
 * @param globalArgs ARGs declared before the first FROM with their resolved values (build-arg
 *     overrides applied); a declared ARG without any value is absent
 * @param automaticArgs BUILDPLATFORM, TARGETOS, ... for this request
 * @param escape the Dockerfile's escape token (for word expansion)
 */
public record BuildPlan(
    String file,
    List<Stage> stages,
    Map<String, String> globalArgs,
    Map<String, String> automaticArgs,
    PlanRequest request,
    char escape,
    List<Warning> warnings) {
  public BuildPlan {
    stages = List.copyOf(stages);
    globalArgs = Map.copyOf(globalArgs);
    automaticArgs = Map.copyOf(automaticArgs);
    warnings = List.copyOf(warnings);
  }

  /** The stage the build produces (the last one in {@link #stages()}). */
  public Stage target() {
    return stages.get(stages.size() - 1);
  }

  public Optional<Stage> stage(int index) {
    return stages.stream().filter(s -> s.index() == index).findFirst();
  }
}
