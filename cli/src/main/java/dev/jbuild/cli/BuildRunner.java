package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildRequest;
import dev.jbuild.cli.progress.Progress;

/** TEMPORARY: replaced by the engine. */
final class BuildRunner {
  private BuildRunner() {}

  static BuildOutcome run(BuildRequest request, Progress progress) {
    throw new UserError("engine pending");
  }
}
