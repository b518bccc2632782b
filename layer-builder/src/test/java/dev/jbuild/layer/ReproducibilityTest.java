package dev.jbuild.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds of the same tree (different file times, stores, thread counts) → same digests. */
class ReproducibilityTest {
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  @TempDir Path tmp;

  private Digest build(Path tree, Path storeDir, int threads) throws IOException {
    try (LocalStore store = LocalStore.open(storeDir)) {
      LayerRef layer =
          ChangeSets.fromTree(tree, FileOwnership.recordOnly())
              .clampTimes(EPOCH)
              .commit(store, Compression.GZIP, threads);
      ImageConfig config =
          ImageConfig.scratch(Platform.parse("linux/amd64"))
              .withCreated(EPOCH)
              .withConfig(ContainerConfig.EMPTY.withCmd(List.of("/app")))
              .withLayer(layer.diffId(), History.of(EPOCH, "COPY . / # buildkit", false));
      Descriptor c = store.putConfig(config, false);
      return store
          .putManifest(
              ImageManifest.of(MediaTypes.OCI_MANIFEST, c, List.of(layer.descriptor(false))))
          .digest();
    }
  }

  @Test
  void sameInputsGiveSameManifestDigest() throws IOException {
    Path a = tmp.resolve("a");
    Files.createDirectories(a.resolve("bin"));
    Files.write(a.resolve("bin/app"), new byte[300_000]);
    Files.writeString(a.resolve("README"), "hello");
    Path b = tmp.resolve("b");
    Tools.run("cp", "-a", a.toString(), b.toString());
    Files.setLastModifiedTime(b.resolve("README"), FileTime.from(Instant.now()));

    Digest first = build(a, tmp.resolve("s1"), 1);
    Digest second = build(b, tmp.resolve("s2"), 4);

    assertThat(second).isEqualTo(first);
  }
}
