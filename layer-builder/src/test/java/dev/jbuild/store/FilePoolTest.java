package dev.jbuild.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePoolTest {
  private static final Instant T = Instant.ofEpochSecond(1_600_000_000L);
  private static final int UID = (Integer) uid();

  @TempDir Path tmp;

  private static Object uid() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FilePool.Key key(String path, String content) {
    return new FilePool.Key(path, sha(content), 0644, UID, UID, T);
  }

  private static String sha(String content) {
    return Digests.sha256(content.getBytes(UTF_8)).hex();
  }

  /** A finished temp file as a build writes it: content, mode and time of {@code key}. */
  private static Path staged(LocalStore store, FilePool.Key key, String content)
      throws IOException {
    Path f = Files.writeString(store.newTempDir().resolve("f"), content);
    Files.setAttribute(f, "unix:mode", key.mode());
    Files.setLastModifiedTime(f, FileTime.from(key.mtime()));
    return f;
  }

  private static long poolFiles(Path root) throws IOException {
    if (!Files.isDirectory(root.resolve("pool"))) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root.resolve("pool"))) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  @Test
  void sameFileAtSamePathIsOneInodeInEveryLayerDir() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      FilePool pool = store.pool();
      FilePool.Key k = key("src/a.txt", "same\n");
      Path first = store.newTempDir().resolve("a.txt");
      assertThat(pool.linkExisting(k, 5, first)).isFalse();
      pool.add(k, staged(store, k, "same\n"), first);
      Path second = store.newTempDir().resolve("a.txt");

      assertThat(pool.linkExisting(k, 5, second)).isTrue();

      assertThat(second).hasContent("same\n");
      assertThat(inode(second)).isEqualTo(inode(first)).isEqualTo(inode(pool.path(k)));
      assertThat(poolFiles(tmp)).isEqualTo(1);
    }
  }

  @Test
  void sameContentAtTwoPathsOrWithOtherMetadataIsNotShared() {
    FilePool.Key a = key("src/a.txt", "same\n");
    assertThat(key("src/b.txt", "same\n").hex()).isNotEqualTo(a.hex());
    assertThat(new FilePool.Key("src/a.txt", sha("same\n"), 0755, UID, UID, T).hex())
        .isNotEqualTo(a.hex());
    assertThat(new FilePool.Key("src/a.txt", sha("same\n"), 0644, 1000, UID, T).hex())
        .isNotEqualTo(a.hex());
    assertThat(new FilePool.Key("src/a.txt", sha("same\n"), 0644, UID, UID, T.plusSeconds(1)).hex())
        .isNotEqualTo(a.hex());
    assertThat(key("src/a.txt", "same\n").hex()).isEqualTo(a.hex());
  }

  @Test
  void truncatedPoolFileIsNotLinkedAndAFreshCopyReplacesIt() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      FilePool pool = store.pool();
      FilePool.Key k = key("src/a.txt", "content\n");
      Path first = store.newTempDir().resolve("a.txt");
      pool.add(k, staged(store, k, "content\n"), first);
      Files.writeString(pool.path(k), "cont"); // damaged: cut short
      Files.setLastModifiedTime(pool.path(k), FileTime.from(T));

      Path second = store.newTempDir().resolve("a.txt");
      assertThat(pool.linkExisting(k, 8, second)).isFalse();
      assertThat(second).doesNotExist();
      pool.add(k, staged(store, k, "content\n"), second);

      assertThat(second).hasContent("content\n");
      assertThat(pool.path(k)).hasContent("content\n");
    }
  }

  @Test
  void poolFileWhoseModeOrTimeChangedIsNotTrusted() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      FilePool pool = store.pool();
      FilePool.Key k = key("bin/tool", "x");
      pool.add(k, staged(store, k, "x"), store.newTempDir().resolve("tool"));
      Files.setAttribute(pool.path(k), "unix:mode", 0600);
      assertThat(pool.linkExisting(k, 1, store.newTempDir().resolve("tool"))).isFalse();

      Files.setAttribute(pool.path(k), "unix:mode", 0644);
      Files.setLastModifiedTime(pool.path(k), FileTime.from(T.plusSeconds(5)));
      assertThat(pool.linkExisting(k, 1, store.newTempDir().resolve("tool"))).isFalse();
    }
  }

  @Test
  void addRefusesAFileOutsideTheStoresTempSpace() throws IOException {
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      Path outside = Files.writeString(tmp.resolve("elsewhere"), "x");
      FilePool.Key k = key("a", "x");
      assertThatThrownBy(() -> store.pool().add(k, outside, store.newTempDir().resolve("a")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("not a file in the store's temp space");
      assertThat(poolFiles(tmp.resolve("store"))).isZero();
    }
  }

  @Test
  void pruneRemovesPoolFilesNoLayerLinksKeepsLinkedOnesAndReportsBytes() throws IOException {
    Path gone;
    Path kept;
    FilePool.Key goneKey = key("src/old.txt", "old content\n");
    FilePool.Key keptKey = key("src/new.txt", "new\n");
    try (LocalStore store = LocalStore.open(tmp)) {
      FilePool pool = store.pool();
      gone =
          store.unpackLayer(
              Digest.sha256("aa".repeat(32)),
              d -> pool.add(goneKey, staged(store, goneKey, "old content\n"), d.resolve("f")));
      kept =
          store.unpackLayer(
              Digest.sha256("bb".repeat(32)),
              d -> pool.add(keptKey, staged(store, keptKey, "new\n"), d.resolve("f")));
    }
    // Only the first layer is old enough for prune; the second stands for one an image keeps.
    Files.setLastModifiedTime(gone, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    try (LocalStore store = LocalStore.open(tmp)) {
      PruneReport r = new StoreMaintenance(store).prune(true);

      assertThat(r.layersRemoved()).isEqualTo(1);
      assertThat(r.poolFilesRemoved()).isEqualTo(1);
      assertThat(r.bytesFreed()).isGreaterThanOrEqualTo("old content\n".length());
      assertThat(store.pool().path(goneKey)).doesNotExist();
      assertThat(store.pool().path(keptKey)).hasContent("new\n");
      assertThat(kept.resolve("f")).hasContent("new\n");
    }
  }

  @Test
  void usageCountsAPooledFileOnceNotOncePerLayerDir() throws IOException {
    FilePool.Key k = key("big", "0123456789");
    try (LocalStore store = LocalStore.open(tmp)) {
      FilePool pool = store.pool();
      store.unpackLayer(
          Digest.sha256("aa".repeat(32)),
          d -> pool.add(k, staged(store, k, "0123456789"), d.resolve("big")));
      store.unpackLayer(
          Digest.sha256("bb".repeat(32)),
          d -> {
            assertThat(pool.linkExisting(k, 10, d.resolve("big"))).isTrue();
            Files.writeString(d.resolve("own"), "abc");
          });

      DiskUsage u = new StoreMaintenance(store).usage();

      assertThat(u.poolCount()).isEqualTo(1);
      assertThat(u.poolBytes()).isEqualTo(10);
      assertThat(u.layerCount()).isEqualTo(2);
      assertThat(u.layerBytes()).isEqualTo(3);
    }
  }

  @Test
  void closedSessionGoesToTrashWhichTheNextStoreEmptiesInTheBackground() throws Exception {
    Path big;
    try (LocalStore store = LocalStore.open(tmp)) {
      big = Files.write(store.newTempDir().resolve("upper-file"), new byte[4096]);
    }
    assertThat(big).doesNotExist();
    Path trash = tmp.resolve("tmp/trash");
    assertThat(trash).isNotEmptyDirectory();

    try (LocalStore store = LocalStore.open(tmp)) {
      store.collectTrashInBackground();
      for (int i = 0; i < 500 && !isEmpty(trash); i++) {
        Thread.sleep(20);
      }
      assertThat(trash).isEmptyDirectory();
    }
  }

  @Test
  void pruneEmptiesTheTrashAndCountsItsBytes() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Files.write(store.newTempDir().resolve("upper-file"), new byte[4096]);
    }
    try (LocalStore store = LocalStore.open(tmp)) {
      PruneReport r = new StoreMaintenance(store).prune(false);
      assertThat(r.bytesFreed()).isEqualTo(4096);
      assertThat(tmp.resolve("tmp/trash")).isEmptyDirectory();
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
