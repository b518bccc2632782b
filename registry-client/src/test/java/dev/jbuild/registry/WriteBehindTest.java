package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {
  @TempDir Path dir;

  /** Records each sync; each one waits for {@link #release} so a test can hold it running. */
  private static final class Syncs {
    final List<Path> done = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch first = new CountDownLatch(1);

    void sync(Path p) {
      first.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.add(p);
    }
  }

  @Test
  void syncsOnceAStepHasBeenWrittenAndNotBefore() throws Exception {
    Path f = dir.resolve("blob");
    Syncs syncs = new Syncs();
    syncs.release.countDown();
    WriteBehind wb = new WriteBehind(f, 100, syncs::sync);

    wb.wrote(99);
    Thread.sleep(50);
    assertEquals(List.of(), syncs.done);

    wb.wrote(100);
    assertTrue(syncs.first.await(10, TimeUnit.SECONDS));
    awaitSize(syncs.done, 1);
    assertEquals(List.of(f), syncs.done);
  }

  @Test
  void startsNoSecondSyncWhileOneIsRunningAndCatchesUpAfter() throws Exception {
    Syncs syncs = new Syncs();
    WriteBehind wb = new WriteBehind(dir.resolve("blob"), 100, syncs::sync);

    wb.wrote(100);
    assertTrue(syncs.first.await(10, TimeUnit.SECONDS));
    wb.wrote(250); // the first is still running: skipped
    syncs.release.countDown();
    awaitSize(syncs.done, 1);
    Thread.sleep(50);
    assertEquals(1, syncs.done.size());

    writeUntil(wb, 350, syncs.done, 2);
    Thread.sleep(50);
    assertEquals(2, syncs.done.size()); // 350 has been synced: nothing more to do
  }

  @Test
  void aRestartedDownloadCountsFromNothing() throws Exception {
    Syncs syncs = new Syncs();
    syncs.release.countDown();
    WriteBehind wb = new WriteBehind(dir.resolve("blob"), 100, syncs::sync);
    wb.wrote(150);
    awaitSize(syncs.done, 1);

    wb.restart();
    writeUntil(wb, 100, syncs.done, 2);
  }

  @Test
  void theRealSyncIsQuietAboutAFileThatIsGone() throws Exception {
    Path f = dir.resolve("blob");
    Files.write(f, new byte[4096]);
    WriteBehind.sync(f); // a real fsync through a descriptor of its own
    WriteBehind.sync(dir.resolve("removed")); // no exception: the store's fsync reports
    assertEquals(4096, Files.size(f));
  }

  /** Calls wrote(n) until {@code done} has n syncs (the previous thread may still be ending). */
  private static void writeUntil(WriteBehind wb, long n, List<?> done, int syncs)
      throws InterruptedException {
    for (int i = 0; i < 1000 && done.size() < syncs; i++) {
      wb.wrote(n);
      Thread.sleep(10);
    }
    assertEquals(syncs, done.size());
  }

  private static void awaitSize(List<?> list, int n) throws InterruptedException {
    for (int i = 0; i < 1000 && list.size() < n; i++) {
      Thread.sleep(10);
    }
    assertEquals(n, list.size());
  }
}
