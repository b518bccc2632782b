package dev.jbuild.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestMismatchException;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path tmp;

  @Test
  void manifestAndConfigRoundTripAndTagsResolve() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      ImageConfig config = ImageConfig.scratch(Platform.parse("linux/amd64"));
      Descriptor c = store.putConfig(config, false);
      ImageManifest m = ImageManifest.of(MediaTypes.OCI_MANIFEST, c, List.of());
      Descriptor md = store.putManifest(m);

      store.tag("example.com/app:1", md.digest());
      store.tag("app:latest", md.digest());

      assertThat(store.config(c.digest())).isEqualTo(config);
      assertThat(store.manifest(md.digest())).isEqualTo(m);
      assertThat(store.images().keySet()).containsExactly("app:latest", "example.com/app:1");
      assertThat(store.resolve("app:latest")).contains(md.digest());
      assertThat(store.untag("app:latest")).isTrue();
      assertThat(store.untag("app:latest")).isFalse();
      assertThat(store.resolve("app:latest")).isEmpty();
    }
    try (LocalStore again = LocalStore.open(tmp)) {
      assertThat(again.images()).containsOnlyKeys("example.com/app:1");
    }
  }

  @Test
  void taggingAnUnstoredManifestFails() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest d = Digests.sha256(new byte[] {1});
      assertThatThrownBy(() -> store.tag("x", d))
          .isInstanceOf(StoreException.class)
          .hasMessage("cannot tag x: manifest " + d + " not stored");
    }
  }

  @Test
  void corruptBlobIsDetectedOnRead() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest d = store.putBlob("hello".getBytes(UTF_8));
      Path p = store.blobPath(d);
      p.toFile().setWritable(true);
      Files.write(p, "hellO".getBytes(UTF_8));

      assertThatThrownBy(() -> store.readBlob(d)).isInstanceOf(DigestMismatchException.class);
    }
  }

  @Test
  void blobWithUnexpectedDigestIsNotStored() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest expected = Digests.sha256("a".getBytes(UTF_8));
      assertThatThrownBy(
              () -> store.putBlob(new java.io.ByteArrayInputStream(new byte[] {'b'}), expected))
          .isInstanceOf(StoreException.class);
      assertThat(store.hasBlob(Digests.sha256("b".getBytes(UTF_8)))).isFalse();
      assertThat(store.hasBlob(expected)).isFalse();
    }
  }

  @Test
  void adoptedTempFileBecomesTheBlobWithoutACopy() throws IOException {
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      Path file = store.newTempDir().resolve("download");
      Files.write(file, "layer".getBytes(UTF_8));
      Object inode = Files.readAttributes(file, "unix:ino").get("ino");
      Digest d = Digests.sha256("layer".getBytes(UTF_8));

      store.adoptVerifiedBlob(file, d);

      assertThat(file).doesNotExist();
      assertThat(store.readBlob(d)).isEqualTo("layer".getBytes(UTF_8));
      assertThat(Files.readAttributes(store.blobPath(d), "unix:ino").get("ino")).isEqualTo(inode);
    }
  }

  @Test
  void adoptingAFileOutsideTheStoresTempSpaceIsRefusedAndStoresNothing() throws IOException {
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      Path file = Files.write(tmp.resolve("elsewhere"), "x".getBytes(UTF_8));
      Digest d = Digests.sha256("x".getBytes(UTF_8));

      assertThatThrownBy(() -> store.adoptVerifiedBlob(file, d))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "cannot adopt " + file + " as blob " + d + ": not a file in the store's temp space");
      assertThat(store.hasBlob(d)).isFalse();
      assertThat(file).exists();
    }
  }

  @Test
  void openRemovesLeftoversOfDeadSessionsButNotLiveOnes() throws IOException {
    Path dead = tmp.resolve("tmp/s-dead");
    Files.createDirectories(dead);
    Files.write(dead.resolve("blob-1.tmp"), new byte[10]);
    Files.write(tmp.resolve("tmp/stray-file"), new byte[1]);
    try (LocalStore live = LocalStore.open(tmp)) {
      Path liveTmp = live.newTempDir();
      try (LocalStore second = LocalStore.open(tmp)) {
        assertThat(dead).doesNotExist();
        assertThat(tmp.resolve("tmp/stray-file")).doesNotExist();
        assertThat(liveTmp).exists();
      }
    }
  }

  @Test
  void unpackLayerFillsOnceAndNeverExposesAPartialDirectory() throws Exception {
    Digest diffId = Digests.sha256("layer".getBytes(UTF_8));
    AtomicInteger fills = new AtomicInteger();
    try (LocalStore store = LocalStore.open(tmp)) {
      assertThatThrownBy(
              () ->
                  store.unpackLayer(
                      diffId,
                      dir -> {
                        Files.write(dir.resolve("half"), new byte[1]);
                        throw new IOException("disk full");
                      }))
          .hasMessage("disk full");
      assertThat(store.unpackedLayer(diffId)).isEmpty();

      Path p =
          store.unpackLayer(
              diffId,
              dir -> {
                fills.incrementAndGet();
                Files.write(dir.resolve("f"), new byte[1]);
              });
      Path again = store.unpackLayer(diffId, dir -> fills.incrementAndGet());

      assertThat(again).isEqualTo(p);
      assertThat(fills).hasValue(1);
      assertThat(p.resolve("f")).exists();
    }
  }

  @Test
  void concurrentWritersInThreadsAndAnotherJvmLoseNoTag() throws Exception {
    Files.createDirectories(tmp);
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreHammer.class.getName(),
                tmp.toString(),
                "jvm",
                "40")
            .inheritIO()
            .start();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      String prefix = "t" + t + "-";
      futures.add(
          pool.submit(
              () -> {
                try (LocalStore store = LocalStore.open(tmp)) {
                  StoreHammer.hammer(store, prefix, 40);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(other.waitFor()).isZero();

    try (LocalStore store = LocalStore.open(tmp)) {
      assertThat(store.images()).hasSize(160);
      for (var e : store.images().entrySet()) {
        try (InputStream in = store.openBlob(e.getValue())) {
          assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo(e.getKey());
        }
      }
    }
  }
}
