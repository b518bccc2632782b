package dev.jbuild.cli.build;

import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.StageBase;

/**
 * BuildKit's step labels: {@code [2/5]} in a one-stage build, {@code [builder 2/5]} or {@code
 * [stage-1 2/5]} when there are several. FROM counts as a step only for image bases.
 */
final class StepLabels {
  private final String prefix;
  private final int offset;
  private final int total;

  StepLabels(Stage stage, boolean multiStage) {
    String name = stage.name() != null ? stage.name() : "stage-" + stage.index();
    this.prefix = multiStage ? name + " " : "";
    this.offset = stage.base() instanceof StageBase.ImageRef ? 1 : 0;
    this.total = stage.steps().size() + offset;
  }

  String from() {
    return "[" + prefix + "1/" + total + "]";
  }

  String step(int index) {
    return "[" + prefix + (index + 1 + offset) + "/" + total + "]";
  }
}
