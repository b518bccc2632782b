package dev.jbuild.cli.build;

import dev.jbuild.rootless.OverlayMount;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read views of finished stages for {@code COPY --from=stage}: an overlay mount of the stage's
 * lower dirs (base layers unpacked once in the store, then its own layers), so copying a few files
 * out of a large stage does not unpack the whole stage again. Where overlay cannot be mounted (an
 * ordinary user outside the build namespace) there is no view and the caller unpacks the stage.
 */
final class StageViews implements Closeable {
  private final StageInputs.RunSupplier runs;
  private final TempDirs tempDirs;
  private final Map<String, LowerDirs> lowers = new ConcurrentHashMap<>();
  private final Map<String, Path> mounted = new ConcurrentHashMap<>();
  private final List<OverlayMount> mounts = new ArrayList<>();

  StageViews(StageInputs.RunSupplier runs, TempDirs tempDirs) {
    this.runs = runs;
    this.tempDirs = tempDirs;
  }

  /** Registers a finished stage under its index and, if it has one, its name. */
  void add(List<String> names, LowerDirs stageLowers) {
    names.forEach(n -> lowers.put(n, stageLowers));
  }

  /** The stage's filesystem, mounted read-mostly (writes go to a throwaway upper dir). */
  synchronized Optional<Path> view(String name) throws IOException {
    Path done = mounted.get(name);
    if (done != null) {
      return Optional.of(done);
    }
    LowerDirs stage = lowers.get(name);
    if (stage == null) {
      return Optional.empty();
    }
    RunnerSupport rt;
    try {
      rt = runs.support();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no namespace powers here: the caller unpacks the stage
    }
    if (!rt.useOverlay()) {
      return Optional.empty();
    }
    Path dir = tempDirs.get();
    Path merged = Files.createDirectories(dir.resolve("merged"));
    List<Path> dirs = stage.realize();
    try {
      mounts.add(
          rt.overlay()
              .mount(
                  dirs,
                  Files.createDirectories(dir.resolve("upper")),
                  Files.createDirectories(dir.resolve("work")),
                  merged));
    } catch (RuntimeException e) {
      return Optional.empty(); // e.g. too many lower dirs: the caller unpacks the stage instead
    }
    for (Map.Entry<String, LowerDirs> e : lowers.entrySet()) {
      if (e.getValue() == stage) {
        mounted.put(e.getKey(), merged);
      }
    }
    return Optional.of(merged);
  }

  @Override
  public synchronized void close() {
    for (int i = mounts.size() - 1; i >= 0; i--) {
      mounts.get(i).close();
    }
    mounts.clear();
    mounted.clear();
  }
}
