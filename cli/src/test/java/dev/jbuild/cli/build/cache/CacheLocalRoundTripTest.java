package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digests;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLocalRoundTripTest {
  private static final Supplier<RegistryClient> NO_CLIENT =
      () -> {
        throw new AssertionError("a local cache needs no registry client");
      };

  @TempDir Path tmp;
  private LocalStore storeA;
  private LocalStore storeB;
  private CacheFixtures fx;
  private Path dest;

  @BeforeEach
  void stores() throws Exception {
    storeA = LocalStore.open(tmp.resolve("a"));
    storeB = LocalStore.open(tmp.resolve("b"));
    fx = new CacheFixtures(storeA);
    dest = tmp.resolve("out").resolve("cache");
  }

  @AfterEach
  void closeStores() throws Exception {
    storeA.close();
    storeB.close();
  }

  private CacheExportSummary export(Path dir, List<CacheEntry> entries) throws IOException {
    CacheSpec spec = CacheSpecs.parseTo("type=local,dest=" + dir);
    return CacheExporter.of(spec, NO_CLIENT, ProgressListener.NONE).export(entries, storeA);
  }

  private CacheImporter importer(Path dir) {
    return CacheImporter.of(
        CacheSpecs.parseFrom("type=local,src=" + dir), NO_CLIENT, ProgressListener.NONE);
  }

  @Test
  void exportThenImportIntoEmptyStoreRestoresEntriesAndIdenticalBlobs() throws Exception {
    CacheExportSummary s = export(dest, fx.entries);
    assertThat(s.entries()).isEqualTo(3);
    assertThat(s.blobsWritten()).isEqualTo(5); // three layers, the index and the manifest

    CacheImporter in = importer(dest);
    CacheLoad load = in.load();
    assertThat(load.warning()).isNull();
    assertThat(load.entries())
        .isEqualTo(
            fx.entries.stream().collect(Collectors.toMap(CacheEntry::key, Function.identity())));
    in.fetch(load.entries().get(CacheFixtures.key(2)), storeB);
    for (Descriptor l : fx.layers) {
      assertThat(CacheFixtures.blob(storeB, l)).isEqualTo(CacheFixtures.blob(storeA, l));
    }
  }

  @Test
  void layoutIsReadBySkopeoAndUmociAndEveryBlobMatchesItsName() throws Exception {
    CacheExportSummary s = export(dest, fx.entries);

    String raw = Tools.run("skopeo", "inspect", "--raw", "oci:" + dest + ":latest");
    assertThat(Digests.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
        .isEqualTo(s.manifestDigest());
    assertThat(Tools.run("umoci", "ls", "--layout", dest.toString()).strip()).isEqualTo("latest");
    try (Stream<Path> blobs = Files.list(dest.resolve("blobs/sha256"))) {
      for (Path b : blobs.toList()) {
        assertThat(Digests.sha256(b).hex()).isEqualTo(b.getFileName().toString());
      }
    }
  }

  @Test
  void reexportReplacesTheCacheAndLinksBlobsItAlreadyHad() throws Exception {
    export(dest, fx.entries);

    CacheExportSummary again = export(dest, List.of(fx.entries.get(0)));

    assertThat(again.blobsWritten()).isEqualTo(2); // new index and manifest; the layer is linked
    assertThat(importer(dest).load().entries()).containsOnlyKeys(CacheFixtures.key(0));
    try (Stream<Path> blobs = Files.list(dest.resolve("blobs/sha256"))) {
      assertThat(blobs.map(p -> p.getFileName().toString()))
          .hasSize(3)
          .contains(fx.layers.get(0).digest().hex())
          .doesNotContain(fx.layers.get(1).digest().hex(), fx.layers.get(2).digest().hex());
    }
    assertThat(siblings()).containsExactly("cache");
  }

  @Test
  void exportWithAMissingStoreBlobKeepsThePreviousCacheAndLeavesNoTempDir() throws Exception {
    export(dest, fx.entries.subList(0, 2));
    byte[] index = Files.readAllBytes(dest.resolve("index.json"));
    Files.delete(storeA.blobPath(fx.layers.get(2).digest()));

    assertThatThrownBy(() -> export(dest, fx.entries))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            "export cache to "
                + dest
                + ": layer "
                + fx.layers.get(2).digest()
                + " of cache entry "
                + CacheFixtures.key(2)
                + " is not in the local store (pruned?); nothing was exported; rebuild with"
                + " --no-cache to recreate it");
    assertThat(Files.readAllBytes(dest.resolve("index.json"))).isEqualTo(index);
    assertThat(siblings()).containsExactly("cache");
  }

  @Test
  void failedFirstExportCreatesNoDirectory() throws Exception {
    Files.delete(storeA.blobPath(fx.layers.get(1).digest()));

    assertThatThrownBy(() -> export(dest, fx.entries)).isInstanceOf(CacheException.class);
    assertThat(siblings()).isEmpty();
  }

  @Test
  void exportBelowAFileFailsWithOneLineAndWritesNothing() throws Exception {
    Path file = tmp.resolve("plain-file");
    Files.writeString(file, "x");

    assertThatThrownBy(() -> export(file.resolve("cache"), fx.entries))
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("export cache to " + file.resolve("cache") + ": " + file)
        .hasMessageNotContaining("\n");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void exportRefusesToReplaceADirectoryThatIsNotACache() throws Exception {
    Files.createDirectories(dest);
    Files.writeString(dest.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> export(dest, fx.entries))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            "export cache to "
                + dest
                + ": the directory exists and is not a jbuild cache, so it is not replaced;"
                + " give a new or empty directory as dest=");
    assertThat(Files.readString(dest.resolve("notes.txt"))).isEqualTo("mine");
    assertThat(siblings()).containsExactly("cache");
  }

  @Test
  void missingSourceDirectoryLoadsNothingWithAWarning() {
    CacheLoad load = importer(tmp.resolve("nope")).load();

    assertThat(load.entries()).isEmpty();
    assertThat(load.warning())
        .isEqualTo("cache " + tmp.resolve("nope") + " does not exist yet; building without it");
  }

  @Test
  void directoryThatIsNotACacheLoadsNothingWithAWarning() throws Exception {
    Files.createDirectories(dest);

    CacheLoad load = importer(dest).load();

    assertThat(load.entries()).isEmpty();
    assertThat(load.warning())
        .isEqualTo(
            "cache "
                + dest
                + ": no oci-layout or index.json: not a jbuild cache; building without it");
  }

  @Test
  void corruptBlobInLayoutFailsFetchAndStoresNothing() throws Exception {
    export(dest, fx.entries);
    Descriptor bad = fx.layers.get(1);
    Path file = dest.resolve("blobs/sha256").resolve(bad.digest().hex());
    byte[] bytes = Files.readAllBytes(file);
    bytes[7] ^= 1;
    Files.write(file, bytes);
    CacheImporter in = importer(dest);
    CacheEntry e = in.load().entries().get(CacheFixtures.key(1));

    assertThatThrownBy(() -> in.fetch(e, storeB))
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("fetch layer " + bad.digest() + " from cache " + dest + ": ")
        .hasMessageEndingWith("; nothing was stored")
        .hasMessageNotContaining("\n");
    assertThat(storeB.hasBlob(bad.digest())).isFalse();
  }

  @Test
  void fetchAfterTheCacheWasReplacedNamesTheMissingBlob() throws Exception {
    export(dest, fx.entries);
    CacheImporter in = importer(dest);
    CacheEntry e = in.load().entries().get(CacheFixtures.key(2));
    export(dest, List.of(fx.entries.get(0)));

    assertThatThrownBy(() -> in.fetch(e, storeB))
        .isInstanceOf(CacheException.class)
        .hasMessageEndingWith(
            "the blob is missing (the cache was replaced or damaged); nothing was stored");
  }

  @Test
  void exportRefusesToReplaceASymbolicLink() throws Exception {
    Path real = tmp.resolve("real");
    Files.createDirectories(real);
    Files.createDirectories(dest.getParent());
    Files.createSymbolicLink(dest, real);

    assertThatThrownBy(() -> export(dest, fx.entries))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("it is a symbolic link");
    assertThat(Files.isSymbolicLink(dest)).isTrue();
  }

  private List<String> siblings() throws IOException {
    Path parent = dest.getParent();
    if (!Files.exists(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
