package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Digest;
import dev.jbuild.layer.LayerHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerHeaderCacheTest {
  private static final Digest BLOB = Digest.sha256("ab".repeat(32));
  @TempDir Path store;

  @Test
  void headersComeBackAsTheyWereSaved() {
    List<LayerHeaders.Header> headers =
        List.of(
            new LayerHeaders.Header(
                "etc", LayerHeaders.Kind.DIRECTORY, 040755, 0, 0, Instant.ofEpochSecond(5), ""),
            new LayerHeaders.Header(
                "bin/sh",
                LayerHeaders.Kind.SYMLINK,
                0777,
                1,
                2,
                Instant.ofEpochSecond(6, 7),
                "busybox"),
            new LayerHeaders.Header(
                "gone", LayerHeaders.Kind.WHITEOUT, 0, 0, 0, Instant.EPOCH, ""));
    LayerHeaderCache cache = new LayerHeaderCache(store);

    cache.write(BLOB, headers);

    assertThat(new LayerHeaderCache(store).read(BLOB)).contains(headers);
  }

  @Test
  void aMissingOrDamagedFileIsAMissNotAnError() throws Exception {
    LayerHeaderCache cache = new LayerHeaderCache(store);
    assertThat(cache.read(BLOB)).isEmpty();

    cache.write(
        BLOB,
        List.of(
            new LayerHeaders.Header("a", LayerHeaders.Kind.FILE, 0644, 0, 0, Instant.EPOCH, "")));
    Path file = store.resolve("layer-headers").resolve(BLOB.hex() + ".bin");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

    assertThat(cache.read(BLOB)).isEmpty();
  }
}
