package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.plan.Planner;

/** Turns a parsed Dockerfile and a request into the stages to build, in dependency order. */
public final class BuildPlanner {
  private BuildPlanner() {}

  /**
   * @throws BuildPlanException unknown target or stage, cycle, duplicate stage name
   * @throws ExpansionException a FROM line's variables cannot be expanded
   */
  public static BuildPlan plan(Dockerfile dockerfile, PlanRequest request)
      throws DockerfileException {
    return Planner.plan(dockerfile, request);
  }
}
