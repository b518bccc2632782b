package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.registry.BlobSource;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ManifestBlob;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.PushImage;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryOptions;
import dev.jbuild.registry.testkit.RealRegistry;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheRegistryRoundTripTest {
  @TempDir static Path shared;
  private static RealRegistry registry;
  private static RegistryClient client;
  private static final AtomicInteger REPO = new AtomicInteger();

  @TempDir Path tmp;
  private LocalStore storeA;
  private LocalStore storeB;
  private CacheFixtures fx;
  private String ref;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = RealRegistry.plainHttp(shared.resolve("registry"));
    client = RegistryClient.create(RegistryOptions.isolated(shared.resolve("auth.json")));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    client.close();
    registry.close();
  }

  @BeforeEach
  void stores() throws Exception {
    storeA = LocalStore.open(tmp.resolve("a"));
    storeB = LocalStore.open(tmp.resolve("b"));
    fx = new CacheFixtures(storeA);
    ref = registry.address() + "/cache" + REPO.incrementAndGet() + ":buildcache";
  }

  @AfterEach
  void closeStores() throws Exception {
    storeA.close();
    storeB.close();
  }

  private CacheExportSummary export(List<CacheEntry> entries, ProgressListener progress)
      throws Exception {
    CacheSpec spec = CacheSpecs.parseTo("type=registry,ref=" + ref + ",mode=max");
    return CacheExporter.of(spec, () -> client, progress).export(entries, storeA);
  }

  private CacheImporter importer(ProgressListener progress) {
    return CacheImporter.of(CacheSpecs.parseFrom(ref), () -> client, progress);
  }

  @Test
  void exportThenImportIntoEmptyStoreRestoresEntriesAndIdenticalBlobs() throws Exception {
    CacheExportSummary s = export(fx.entries, ProgressListener.NONE);
    assertThat(s.entries()).isEqualTo(3);
    assertThat(s.layers()).isEqualTo(3);
    assertThat(s.blobsWritten()).isEqualTo(4); // three layers and the cache index

    CacheImporter in = importer(ProgressListener.NONE);
    CacheLoad load = in.load();
    assertThat(load.warning()).isNull();
    assertThat(load.entries())
        .isEqualTo(
            fx.entries.stream().collect(Collectors.toMap(CacheEntry::key, Function.identity())));

    CacheEntry last = load.entries().get(CacheFixtures.key(2));
    in.fetch(last, storeB);
    for (Descriptor l : fx.layers) {
      assertThat(CacheFixtures.blob(storeB, l)).isEqualTo(CacheFixtures.blob(storeA, l));
    }
  }

  @Test
  void loadDownloadsNoLayerAndFetchOnlyTheMissingOnes() throws Exception {
    export(fx.entries, ProgressListener.NONE);
    Map<String, ProgressListener.Outcome> events = new ConcurrentHashMap<>();
    ProgressListener record =
        new ProgressListener() {
          @Override
          public void finished(String digest, Outcome outcome) {
            events.put(digest, outcome);
          }
        };
    CacheImporter in = importer(record);
    CacheLoad load = in.load();
    assertThat(events).isEmpty();
    storeB.putBlob(CacheFixtures.blob(storeA, fx.layers.get(0)));

    in.fetch(load.entries().get(CacheFixtures.key(1)), storeB);

    assertThat(events)
        .containsOnlyKeys(fx.layers.get(1).digest().toString())
        .containsValue(ProgressListener.Outcome.DOWNLOADED);
    assertThat(storeB.hasBlob(fx.layers.get(2).digest())).isFalse();
  }

  @Test
  void reexportSendsNoBlobTheRegistryAlreadyHas() throws Exception {
    export(fx.entries, ProgressListener.NONE);
    Map<String, ProgressListener.Outcome> events = new ConcurrentHashMap<>();
    ProgressListener record =
        new ProgressListener() {
          @Override
          public void finished(String digest, Outcome outcome) {
            events.put(digest, outcome);
          }
        };

    CacheExportSummary again = export(fx.entries, record);

    assertThat(again.blobsWritten()).isZero();
    assertThat(events)
        .hasSize(4)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(ProgressListener.Outcome.ALREADY_PRESENT));
  }

  @Test
  void pushedCacheIsAnOciManifestSkopeoReadsWithKeysOnEveryLayer() throws Exception {
    CacheExportSummary s = export(fx.entries, ProgressListener.NONE);

    String raw = Tools.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref);

    JsonNode m = new ObjectMapper().readTree(raw);
    assertThat(m.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(m.path("artifactType").asText()).isEqualTo("application/vnd.jbuild.cache.v1+json");
    assertThat(m.path("config").path("mediaType").asText())
        .isEqualTo("application/vnd.jbuild.cache.v1+json");
    assertThat(m.path("layers")).hasSize(3);
    String firstLayer = fx.layers.get(0).digest().toString();
    for (JsonNode l : m.path("layers")) {
      String keys = l.path("annotations").path("dev.jbuild.cache.keys").asText();
      int expectedUsers = l.path("digest").asText().equals(firstLayer) ? 3 : -1;
      if (expectedUsers > 0) {
        assertThat(keys.split(","))
            .containsExactly(CacheFixtures.key(0), CacheFixtures.key(1), CacheFixtures.key(2));
      } else {
        assertThat(keys).contains(CacheFixtures.key(2));
      }
    }
    // skopeo refuses image operations on an artifact; the raw bytes must hash to the digest
    assertThat(Digests.sha256(raw.getBytes(StandardCharsets.UTF_8)).toString())
        .isEqualTo(s.manifestDigest());
  }

  @Test
  void missingCacheRefLoadsNothingWithAWarning() {
    CacheLoad load = importer(ProgressListener.NONE).load();

    assertThat(load.entries()).isEmpty();
    assertThat(load.warning())
        .isEqualTo("cache " + ref + " not found (first build?); building without it");
  }

  @Test
  void anOrdinaryImageAtTheRefLoadsNothingWithAWarning() throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor cd = Descriptor.of(MediaTypes.OCI_CONFIG, Digests.sha256(config), config.length);
    byte[] manifest = ImageManifest.of(MediaTypes.OCI_MANIFEST, cd, List.of()).toJson();
    BlobSource configBlob =
        new BlobSource() {
          @Override
          public String digest() {
            return cd.digest().toString();
          }

          @Override
          public long size() {
            return config.length;
          }

          @Override
          public InputStream open() {
            return new ByteArrayInputStream(config);
          }
        };
    client.push(
        ImageReference.parse(ref),
        new PushImage(ManifestBlob.of(MediaTypes.OCI_MANIFEST, manifest), List.of(configBlob)),
        ProgressListener.NONE);

    CacheLoad load = importer(ProgressListener.NONE).load();

    assertThat(load.entries()).isEmpty();
    assertThat(load.warning())
        .isEqualTo(
            "cache "
                + ref
                + " is not a jbuild cache (its config has media type"
                + " application/vnd.oci.image.config.v1+json, expected"
                + " application/vnd.jbuild.cache.v1+json); building without it");
  }

  @Test
  void corruptLayerFromRegistryFailsFetchAndStoresNothing() throws Exception {
    export(fx.entries, ProgressListener.NONE);
    Descriptor bad = fx.layers.get(1);
    Path data = blobData(bad.digest().toString());
    byte[] bytes = Files.readAllBytes(data);
    bytes[100] ^= 1;
    Files.write(data, bytes);
    CacheImporter in = importer(ProgressListener.NONE);
    CacheEntry e = in.load().entries().get(CacheFixtures.key(1));

    assertThatThrownBy(() -> in.fetch(e, storeB))
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("fetch layers of cache entry " + CacheFixtures.key(1) + " from ")
        .hasMessageContaining("content does not match")
        .hasMessageContaining(bad.digest().toString())
        .hasMessageNotContaining("\n");
    assertThat(storeB.hasBlob(bad.digest())).isFalse();
    try (var files = Files.list(storeB.root().resolve("blobs/sha256"))) {
      assertThat(files.map(p -> "sha256:" + p.getFileName()))
          .doesNotContain(bad.digest().toString());
    }
  }

  @Test
  void exportFailsWithoutPushingWhenAStoreLayerIsMissing() throws Exception {
    Files.delete(storeA.blobPath(fx.layers.get(2).digest()));

    assertThatThrownBy(() -> export(fx.entries, ProgressListener.NONE))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            "export cache to "
                + ref
                + ": layer "
                + fx.layers.get(2).digest()
                + " of cache entry "
                + CacheFixtures.key(2)
                + " is not in the local store (pruned?); nothing was exported; rebuild with"
                + " --no-cache to recreate it");
    assertThat(importer(ProgressListener.NONE).load().warning()).contains("not found");
  }

  /** Where the registry keeps the bytes of {@code digest} (to corrupt them). */
  private static Path blobData(String digest) {
    String hex = digest.substring("sha256:".length());
    return registry
        .storage()
        .resolve("docker/registry/v2/blobs/sha256")
        .resolve(hex.substring(0, 2))
        .resolve(hex)
        .resolve("data");
  }
}
