package dev.jbuild.cli.build;

import dev.jbuild.dockerfile.DockerIgnore;
import dev.jbuild.dockerfile.IgnoreFileException;
import org.jspecify.annotations.Nullable;

/** The context's .dockerignore as the parser reads it; a bad pattern is the user's to fix. */
final class IgnoreRules {
  private IgnoreRules() {}

  static DockerIgnore of(@Nullable String text) {
    if (text == null) {
      return DockerIgnore.empty();
    }
    try {
      return DockerIgnore.parse(text);
    } catch (IgnoreFileException e) {
      throw new StepFailure(".dockerignore: " + e.getMessage(), e);
    }
  }
}
