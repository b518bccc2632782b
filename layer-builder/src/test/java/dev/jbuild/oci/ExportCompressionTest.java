package dev.jbuild.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import dev.jbuild.layer.Compression;
import dev.jbuild.layer.EntryMeta;
import dev.jbuild.layer.FileSource;
import dev.jbuild.layer.LayerBuilder;
import dev.jbuild.layer.LayerRef;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.PruneReport;
import dev.jbuild.store.StoreMaintenance;
import dev.jbuild.testkit.ImageValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps built layers uncompressed; exports compress them once and remember it. */
class ExportCompressionTest {
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  @TempDir Path tmp;

  private static LayerBuilder layer() {
    byte[] noise = new byte[700_000];
    new Random(7).nextBytes(noise);
    EntryMeta meta = EntryMeta.of(0644, 0, 0, EPOCH);
    return LayerBuilder.create()
        .directory("app", EntryMeta.of(0755, 0, 0, EPOCH))
        .file("app/noise", meta, FileSource.of(noise))
        .file("app/text", meta, FileSource.of("hello\n".repeat(50_000).getBytes()));
  }

  /** An image of one layer committed with {@code c}; returns its manifest digest. */
  private static Digest image(LocalStore store, Compression c, boolean docker) throws IOException {
    LayerRef ref = layer().commit(store, c);
    ImageConfig config =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withCreated(EPOCH)
            .withLayer(ref.diffId(), History.of(EPOCH, "COPY . /app", false));
    Descriptor cd = store.putConfig(config, docker);
    String mt = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    return store.putManifest(ImageManifest.of(mt, cd, List.of(ref.descriptor(docker)))).digest();
  }

  private Path mapping(Path root, Digest diffId, String algo) {
    return root.resolve("compressed").resolve(diffId.hex() + "-" + algo);
  }

  @Test
  void plainLayerIsCommittedUncompressedWithItsDiffIdAsDigest() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      LayerRef ref = layer().commit(store, Compression.NONE);
      assertThat(ref.digest()).isEqualTo(ref.diffId());
      assertThat(ref.mediaType(false)).isEqualTo(MediaTypes.OCI_LAYER);
      assertThat(Digests.sha256(store.blobPath(ref.digest()))).isEqualTo(ref.diffId());
      assertThat(ref.size()).isEqualTo(store.blobSize(ref.digest()));
    }
  }

  @Test
  void gzipExportGivesTheSameManifestAsABuildThatCompressedItsLayers() throws IOException {
    Digest gzipBuilt;
    try (LocalStore store = LocalStore.open(tmp.resolve("gzip"))) {
      gzipBuilt = image(store, Compression.GZIP, false);
    }
    try (LocalStore store = LocalStore.open(tmp.resolve("plain"))) {
      Digest plain = image(store, Compression.NONE, false);
      Image exported =
          new ExportCompression(store, Compression.GZIP).image(StoreImage.of(store, plain));
      assertThat(exported.manifestDigest()).isEqualTo(gzipBuilt).isNotEqualTo(plain);
      assertThat(exported.config()).isEqualTo(StoreImage.of(store, plain).config());
      Layer l = exported.layers().get(0);
      assertThat(l.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      try (InputStream in = l.openUncompressed()) {
        in.transferTo(java.io.OutputStream.nullOutputStream()); // verified against the diffID
      }
    }
  }

  @Test
  void secondExportUsesTheRememberedCopyWithoutReadingTheLayer() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      Descriptor layer = store.manifest(plain).layers().get(0);
      Image first =
          new ExportCompression(store, Compression.GZIP).image(StoreImage.of(store, plain));
      Descriptor gz = first.manifest().layers().get(0);
      assertThat(mapping(tmp, layer.digest(), "gzip"))
          .content(StandardCharsets.UTF_8)
          .contains(gz.digest().toString());

      // with the uncompressed blob gone, only the remembered copy can answer
      Files.delete(store.blobPath(layer.digest()));
      Descriptor again = new ExportCompression(store, Compression.GZIP).layer(layer);
      assertThat(again).isEqualTo(gz);
    }
  }

  @Test
  void mappingNamingAMissingOrShortBlobIsRecomputed() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      Descriptor layer = store.manifest(plain).layers().get(0);
      ExportCompression export = new ExportCompression(store, Compression.GZIP);
      Descriptor gz = export.layer(layer);

      Files.delete(store.blobPath(gz.digest()));
      assertThat(export.layer(layer)).isEqualTo(gz);
      assertThat(Digests.sha256(store.blobPath(gz.digest()))).isEqualTo(gz.digest());

      byte[] whole = Files.readAllBytes(store.blobPath(gz.digest()));
      Files.write(store.blobPath(gz.digest()), java.util.Arrays.copyOf(whole, whole.length / 2));
      assertThat(export.layer(layer)).isEqualTo(gz);
      assertThat(Files.size(store.blobPath(gz.digest()))).isEqualTo(gz.size());
      assertThat(Digests.sha256(store.blobPath(gz.digest()))).isEqualTo(gz.digest());
    }
  }

  @Test
  void unreadableMappingIsRecomputed() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      Descriptor layer = store.manifest(plain).layers().get(0);
      ExportCompression export = new ExportCompression(store, Compression.GZIP);
      Descriptor gz = export.layer(layer);
      Files.writeString(mapping(tmp, layer.digest(), "gzip"), "{\"digest\":");
      assertThat(export.layer(layer)).isEqualTo(gz);
    }
  }

  @Test
  void zstdExportNamesZstdLayersThatDecompressToTheDiffId() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      Image exported =
          new ExportCompression(store, Compression.ZSTD).image(StoreImage.of(store, plain));
      Layer l = exported.layers().get(0);
      assertThat(l.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
      assertThat(Digests.sha256(l.openUncompressed())).isEqualTo(l.diffId());
      assertThat(mapping(tmp, l.diffId(), "zstd")).exists();
    }
  }

  @Test
  void dockerManifestGetsDockerGzipLayers() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, true);
      Image exported =
          new ExportCompression(store, Compression.GZIP).image(StoreImage.of(store, plain));
      assertThat(exported.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(exported.manifest().layers().get(0).mediaType())
          .isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
      try (InputStream in = exported.layers().get(0).open()) {
        new GZIPInputStream(in).transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
  }

  @Test
  void compressedLayersAndUncompressedExportsLeaveTheImageAsItIs() throws IOException {
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest gz = image(store, Compression.GZIP, false);
      StoreImage pulled = StoreImage.of(store, gz);
      assertThat(new ExportCompression(store, Compression.ZSTD).image(pulled)).isSameAs(pulled);
      Digest plain = image(store, Compression.NONE, false);
      StoreImage built = StoreImage.of(store, plain);
      assertThat(new ExportCompression(store, Compression.NONE).image(built)).isSameAs(built);
      assertThat(tmp.resolve("compressed")).doesNotExist();
    }
  }

  @Test
  void exportedImageWritesAValidOciLayout() throws Exception {
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      Digest plain = image(store, Compression.NONE, false);
      Image exported =
          new ExportCompression(store, Compression.GZIP).image(StoreImage.of(store, plain));
      Path layout = tmp.resolve("layout");
      OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("1", exported)));
      ImageValidator.validateLayout(layout);
      assertThat(OciLayout.open(layout).image("1", null).manifestDigest())
          .isEqualTo(exported.manifestDigest());
    }
  }

  @Test
  void pruneDropsACompressedCopyNoImageNamesAndItsMappingButKeepsTheImage() throws IOException {
    Descriptor gz;
    Descriptor layer;
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      store.tag("app:1", plain);
      layer = store.manifest(plain).layers().get(0);
      gz = new ExportCompression(store, Compression.GZIP).layer(layer);
    }
    age(tmp);
    try (LocalStore store = LocalStore.open(tmp)) {
      PruneReport report = new StoreMaintenance(store).prune(false);
      assertThat(report.blobsRemoved()).isEqualTo(1);
      assertThat(store.hasBlob(gz.digest())).isFalse();
      assertThat(store.hasBlob(layer.digest())).isTrue();
      assertThat(mapping(tmp, layer.digest(), "gzip")).doesNotExist();
      // the next export makes the same copy again
      assertThat(new ExportCompression(store, Compression.GZIP).layer(layer)).isEqualTo(gz);
    }
  }

  @Test
  void pruneKeepsACompressedCopyAnImageNamesAndItsMapping() throws IOException {
    Descriptor layer;
    Digest exported;
    try (LocalStore store = LocalStore.open(tmp)) {
      Digest plain = image(store, Compression.NONE, false);
      store.tag("app:1", plain);
      layer = store.manifest(plain).layers().get(0);
      Image e = new ExportCompression(store, Compression.GZIP).image(StoreImage.of(store, plain));
      exported = store.putBlob(e.rawManifest());
      store.tag("app:gz", exported);
    }
    age(tmp);
    try (LocalStore store = LocalStore.open(tmp)) {
      new StoreMaintenance(store).prune(true);
      Descriptor gz = store.manifest(exported).layers().get(0);
      assertThat(store.hasBlob(gz.digest())).isTrue();
      assertThat(mapping(tmp, layer.digest(), "gzip")).exists();
      assertThat(new ExportCompression(store, Compression.GZIP).layer(layer)).isEqualTo(gz);
    }
  }

  /** Makes every file look an hour old, so prune may remove what nothing keeps. */
  private static void age(Path root) throws IOException {
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.setLastModifiedTime(f, old);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
