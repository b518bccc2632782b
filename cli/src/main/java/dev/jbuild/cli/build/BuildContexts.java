package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.PathWatch;
import dev.jbuild.cli.build.copy.SourceTree;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The main build context (already filtered by .dockerignore) and the named contexts. */
public record BuildContexts(@Nullable SourceTree main, Map<String, Path> named, PathWatch watch) {

  public BuildContexts(@Nullable SourceTree main, Map<String, Path> named) {
    this(main, named, PathWatch.NONE);
  }

  SourceTree mainOrFail() {
    if (main == null) {
      throw new StepFailure(
          "COPY/ADD from the build context, but the Dockerfile came from stdin without a context;"
              + " pass a context directory instead of '-'");
    }
    return main;
  }

  Optional<SourceTree> named(String name) {
    Path p = named.get(name);
    return p == null
        ? Optional.empty()
        : Optional.of(SourceTree.of(p, "build context \"" + name + "\"").watchedBy(watch));
  }
}
