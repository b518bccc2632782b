package dev.jbuild.cli.uptodate;

import dev.jbuild.cli.build.cache.StatCache;
import dev.jbuild.cli.build.copy.PathWatch;
import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.cli.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Collects, during one build, what its record needs: every context path its cache keys read (with
 * the lstat they used), and its progress. {@link #save} writes the record once the build is done.
 */
public final class BuildRecorder implements PathWatch {
  private final RecordKey key;
  private final Path file;
  private final long startNanos;
  private final int keep;
  private final Map<Path, StatAttributes> seen = new LinkedHashMap<>();
  private final Set<Path> lookedUp = new LinkedHashSet<>();
  private @Nullable RecordingProgress progress;

  /**
   * @param keep how many records the record's directory keeps, newest first (0: leave it alone)
   */
  BuildRecorder(RecordKey key, Path file, long startNanos, int keep) {
    this.key = key;
    this.file = file;
    this.startNanos = startNanos;
    this.keep = keep;
  }

  /** {@code display}, with what it shows kept for the record. */
  public Progress record(Progress display) {
    progress = new RecordingProgress(display);
    return progress;
  }

  @Override
  public synchronized void saw(Path path, StatAttributes attributes) {
    seen.put(path, attributes);
  }

  @Override
  public synchronized void lookedUp(Path path) {
    lookedUp.add(path);
  }

  /**
   * Writes the record of a build that ran no step (its {@code result} fields say what it made and
   * read); returns false, writing nothing, when a path it read changed too recently to trust.
   */
  public synchronized boolean save(BuildResult result) throws IOException {
    List<WatchedPath> watched = new ArrayList<>(seen.size() + lookedUp.size());
    seen.forEach((p, a) -> watched.add(WatchedPath.of(p, a)));
    for (Path p : lookedUp) {
      if (!seen.containsKey(p)) {
        watched.add(WatchedPath.lstat(p));
      }
    }
    for (WatchedPath w : watched) {
      // a path changed this close to the start may change again within the same timestamp
      // tick and keep its stat: no record then, as the stat cache keeps no entry for it
      if (w.changedAfter(startNanos, StatCache.RACY_NANOS)) {
        return false;
      }
    }
    Optional<List<ReplayLine>> replay = progress == null ? Optional.empty() : progress.replay();
    if (replay.isEmpty()) {
      return false;
    }
    BuildRecordFile.write(file, new BuildRecord(key.text(), result, replay.get(), watched));
    if (keep > 0) {
      BuildRecordFile.keepNewest(java.util.Objects.requireNonNull(file.getParent()), keep);
    }
    return true;
  }
}
