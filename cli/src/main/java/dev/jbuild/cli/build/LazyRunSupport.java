package dev.jbuild.cli.build;

import dev.jbuild.cli.progress.Progress;
import dev.jbuild.rootless.Isolation;
import dev.jbuild.rootless.OverlaySupport;
import dev.jbuild.rootless.Rootless;
import dev.jbuild.rootless.SandboxChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sets up RUN on first use: checks this process may use namespaces (root, or the re-executed child
 * inside a user namespace), picks the sandbox once and says which.
 */
final class LazyRunSupport implements StageInputs.RunSupplier {
  private final java.util.function.Supplier<Rootless> rootlessSupplier;
  private final Isolation isolation;
  private final Optional<Path> runtime;
  private final Progress progress;
  private final Path cacheRoot;
  private final Map<String, Path> secrets;
  private final Map<String, Path> ssh;
  private final String snapshotter;
  private @Nullable StageInputs inputs;
  private @Nullable RunnerSupport support;
  private @Nullable RunStep step;

  LazyRunSupport(
      java.util.function.Supplier<Rootless> rootless,
      Isolation isolation,
      Optional<Path> runtime,
      Progress progress,
      Path cacheRoot,
      Map<String, Path> secrets,
      Map<String, Path> ssh,
      String snapshotter) {
    this.ssh = ssh;
    this.snapshotter = snapshotter;
    this.rootlessSupplier = rootless;
    this.isolation = isolation;
    this.runtime = runtime;
    this.progress = progress;
    this.cacheRoot = cacheRoot;
    this.secrets = secrets;
  }

  /** Overlay when asked for or when a probe mount works; otherwise copy + tree diff. */
  private boolean useOverlay(Rootless rootless) {
    if (snapshotter.equals("copy")) {
      progress.message("RUN snapshots: copy + tree diff (--snapshotter=copy)");
      return false;
    }
    OverlaySupport probe;
    try {
      probe = rootless.overlay().probe(java.util.Objects.requireNonNull(inputs).tempDirs().get());
    } catch (IOException e) {
      probe = new OverlaySupport(false, "overlay probe failed: " + e.getMessage());
    }
    if (probe.available()) {
      return true;
    }
    if (snapshotter.equals("overlay")) {
      throw new StepFailure(probe.detail() + "; use --snapshotter=copy (or auto) instead");
    }
    progress.message("RUN snapshots: copy + tree diff (" + probe.detail() + ")");
    return false;
  }

  void bind(StageInputs stageInputs) {
    this.inputs = stageInputs;
  }

  @Override
  public synchronized RunStep get() throws IOException {
    if (step == null) {
      support();
      step =
          new RunStep(
              java.util.Objects.requireNonNull(inputs),
              new RunMounts(inputs, cacheRoot, secrets, ssh));
    }
    return step;
  }

  @Override
  public synchronized RunnerSupport support() throws IOException {
    if (support == null) {
      Rootless rootless = rootlessSupplier.get();
      if (rootless.needsReexec()) {
        throw new StepFailure(
            "RUN needs a user namespace, and this process is not in one; run jbuild through its"
                + " launcher, which re-executes the build inside one");
      }
      SandboxChoice choice = rootless.sandbox(isolation, runtime);
      progress.message("RUN isolation: " + choice.reason());
      boolean overlay = useOverlay(rootless);
      support = new RunnerSupport(rootless.overlay(), overlay, choice.sandbox(), choice.reason());
    }
    return support;
  }
}
