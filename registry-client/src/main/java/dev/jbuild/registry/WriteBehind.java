package dev.jbuild.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Has the kernel write a download to disk while the rest of it is still arriving. A blob is fsynced
 * before it enters the store; left to the end, that fsync found the whole blob still in memory (the
 * kernel starts writing back on its own only at gigabytes of dirty data) and every pull ended
 * waiting for the disk with nothing else to do: 70-190 ms per 60 MB blob here, 20-50 ms with this.
 * Every {@link #STEP} bytes a short-lived thread fsyncs what has been written so far, through a
 * descriptor of its own, while the download goes on; at most one such thread runs per file. It only
 * moves work earlier: the store's own fsync before the rename is what makes the blob durable, so an
 * early one that fails is of no consequence.
 */
final class WriteBehind {
  static final long STEP = 16L << 20;

  private final Path file;
  private final long step;
  private final Consumer<Path> sync;
  private long syncedUpTo;
  private @Nullable Thread running;

  WriteBehind(Path file) {
    this(file, STEP, WriteBehind::sync);
  }

  WriteBehind(Path file, long step, Consumer<Path> sync) {
    this.file = file;
    this.step = step;
    this.sync = sync;
  }

  /** Called as the file grows; {@code written} is its length so far. */
  void wrote(long written) {
    Thread r = running;
    if (written - syncedUpTo < step || r != null && r.isAlive()) {
      return;
    }
    syncedUpTo = written;
    Thread t = new Thread(() -> sync.accept(file), "jbuild-write-behind");
    t.setDaemon(true);
    running = t;
    t.start();
  }

  /** The download starts again from an empty file. */
  void restart() {
    syncedUpTo = 0;
  }

  static void sync(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(false);
    } catch (IOException e) {
      // removed (a failed download) or not syncable now: the store's fsync of the finished blob
      // decides, and reports, whether it reaches the disk
    }
  }
}
