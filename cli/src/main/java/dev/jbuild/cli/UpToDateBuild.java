package dev.jbuild.cli;

import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.ProgressFactory;
import dev.jbuild.cli.progress.ProgressMode;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.cli.uptodate.BuildRecord;
import dev.jbuild.cli.uptodate.BuildResult;
import dev.jbuild.cli.uptodate.ReplayLine;
import dev.jbuild.cli.uptodate.UpToDate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * {@code jbuild build} answered from its up-to-date record, before picocli or the build engine are
 * loaded: the record names everything the last build of this command line read, so when none of it
 * changed the image is the same and the build's output is shown again.
 */
final class UpToDateBuild {
  private UpToDateBuild() {}

  /** The record slot for {@code args} when they run {@code build}; null for other commands. */
  static @Nullable UpToDate slot(String[] args, Map<String, String> env, Clock clock) {
    if (args.length == 0 || !"build".equals(Commands.aliases().getOrDefault(args[0], args[0]))) {
      return null;
    }
    try {
      return UpToDate.of(List.of(args), env, storeRoot(args, env), clock);
    } catch (IOException | RuntimeException e) {
      return null; // no record then: the build runs as usual
    }
  }

  /** Shows the recorded build again and returns 0 when nothing it read changed; else empty. */
  static OptionalInt replay(
      UpToDate slot, Map<String, String> env, PrintWriter out, PrintWriter err) {
    Optional<BuildRecord> found;
    try {
      found = slot.unchanged();
      if (found.isEmpty() || !sameDockerfile(found.get().result())) {
        return OptionalInt.empty();
      }
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    BuildResult r = found.get().result();
    ProgressMode mode;
    try {
      mode =
          ProgressMode.resolve(
              r.progress(), env.get("BUILDKIT_PROGRESS"), r.quiet(), System.console() != null);
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
    try (Progress display = ProgressFactory.create(mode, err)) {
      show(found.get().replay(), display);
    }
    if (r.iidFile() != null) {
      try {
        Exports.writeAtomically(Path.of(r.iidFile()), r.imageId());
      } catch (IOException e) {
        throw new UserError("cannot write --iidfile " + r.iidFile() + ": " + e.getMessage(), e);
      }
    }
    if (r.quiet()) {
      out.println(r.imageId());
      out.flush();
    }
    return OptionalInt.of(ExitCodes.OK);
  }

  /** The Dockerfile and .dockerignore, found as the build finds them, hold what they held. */
  private static boolean sameDockerfile(BuildResult r) throws IOException {
    DockerfileSource now = DockerfileSource.resolve(r.context(), r.file(), null);
    return now.text().equals(r.dockerfileText())
        && Objects.equals(now.ignoreText(), r.ignoreText());
  }

  private static void show(List<ReplayLine> lines, Progress display) {
    for (ReplayLine l : lines) {
      switch (l.kind()) {
        case MESSAGE -> display.message(l.text());
        case CACHED -> display.start(l.text()).cached();
        case DONE -> {
          Task t = display.start(l.text());
          t.done();
        }
      }
    }
  }

  /** {@code --root} as picocli will read it, else the default store. */
  private static Path storeRoot(String[] args, Map<String, String> env) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--root") && i + 1 < args.length) {
        return Path.of(args[i + 1]).toAbsolutePath();
      }
      if (args[i].startsWith("--root=")) {
        return Path.of(args[i].substring("--root=".length())).toAbsolutePath();
      }
    }
    return StoreOptions.defaultRoot(env);
  }
}
