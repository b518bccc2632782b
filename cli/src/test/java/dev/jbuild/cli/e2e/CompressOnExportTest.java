package dev.jbuild.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.registry.testkit.RealRegistry;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.ImageValidator;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build stores its layers uncompressed; compression belongs to each export (push, OCI outputs,
 * save, --cache-to), made once per layer and remembered, so exports repeat byte for byte.
 */
class CompressOnExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path store() {
    return tmp.resolve("store");
  }

  private CliRun build(String... flags) {
    List<String> args = new ArrayList<>(List.of("build"));
    args.addAll(List.of(flags));
    args.add(Samples.dir("hello").toString());
    CliRun r = CliRun.jbuild(store(), args.toArray(String[]::new));
    assertThat(r.exitCode).as(r.toString()).isZero();
    return r;
  }

  private CliRun jbuild(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--root=" + store());
    CliRun r = CliRun.jbuild(store(), all.toArray(String[]::new));
    assertThat(r.exitCode).as(r.toString()).isZero();
    return r;
  }

  private ImageManifest stored(String name) throws IOException {
    try (LocalStore s = LocalStore.open(store())) {
      return s.manifest(s.resolve(name).orElseThrow());
    }
  }

  private static JsonNode raw(String ref) throws Exception {
    return JSON.readTree(
        Tool.ok("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref).out());
  }

  private static String pushedDigest(String ref) throws Exception {
    return JSON.readTree(
            Tool.ok("skopeo", "inspect", "--tls-verify=false", "docker://" + ref).out())
        .get("Digest")
        .asText();
  }

  private static List<String> layerTypes(JsonNode manifest) {
    List<String> out = new ArrayList<>();
    manifest.get("layers").forEach(l -> out.add(l.get("mediaType").asText()));
    return out;
  }

  @Test
  void buildStoresLayersUncompressedWithTheirDiffIdsAsDigests() throws Exception {
    build("-t", "hello:1");
    ImageManifest m = stored("docker.io/library/hello:1");
    try (LocalStore s = LocalStore.open(store())) {
      List<Digest> diffIds = s.config(m.config().digest()).rootfs().diffIds();
      assertThat(m.layers()).hasSize(3);
      assertThat(m.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER);
      assertThat(m.layers()).extracting(Descriptor::digest).isEqualTo(diffIds);
    }
  }

  @Test
  void pushSendsGzipLayersAndASecondPushSendsNoBlobAndGivesTheSameDigest() throws Exception {
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/team/hello:1";
      Path meta = tmp.resolve("meta.json");
      CliRun first = build("-t", ref, "--push", "--metadata-file", meta.toString());

      JsonNode manifest = raw(ref);
      assertThat(layerTypes(manifest)).hasSize(3).containsOnly(MediaTypes.OCI_LAYER_GZIP);
      String digest = pushedDigest(ref);
      assertThat(JSON.readTree(meta.toFile()).get("containerimage.digest").asText())
          .isEqualTo(digest);
      assertThat(manifest.at("/config/digest").asText()).isEqualTo(imageId(first.err));

      CliRun again = jbuild("push", ref);

      assertThat(again.out.strip()).isEqualTo(digest);
      List<String> blobLines = again.err.lines().filter(l -> l.startsWith("Copying blob")).toList();
      assertThat(blobLines).hasSize(4).allMatch(l -> l.endsWith("already present"));
    }
  }

  @Test
  void buildThenBuildWithPushAnswersEveryStepFromTheCache() throws Exception {
    CliRun first = build("-t", "hello:1");
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/hello:1";

      CliRun second = build("-t", ref, "--push");

      assertThat(StepLog.ran(second.err)).as(second.err).isEmpty();
      assertThat(StepLog.outcomes(second.err)).isNotEmpty();
      assertThat(imageId(second.err)).isEqualTo(imageId(first.err));
      Tool.ok("skopeo", "inspect", "--tls-verify=false", "docker://" + ref);
    }
  }

  @Test
  void zstdPushSendsZstdLayers() throws Exception {
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/hello:zstd";

      build("-t", ref, "--push", "--compression-format", "zstd");

      assertThat(layerTypes(raw(ref))).hasSize(3).containsOnly(MediaTypes.OCI_LAYER_ZSTD);
      Tool.ok(
          "skopeo", "copy", "--src-tls-verify=false", "docker://" + ref, "dir:" + tmp.resolve("d"));
    }
  }

  @Test
  void pushAndOciOutputOfOneBuildNameTheSameManifest() throws Exception {
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/hello:1";
      Path layout = tmp.resolve("layout");

      build("-t", ref, "--push", "-o", "type=oci,tar=false,dest=" + layout);

      JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
      assertThat(index.at("/manifests/0/digest").asText()).isEqualTo(pushedDigest(ref));
      ImageValidator.validateLayout(layout);
    }
  }

  @Test
  void savingAnOciArchiveTwiceGivesTheSameBytesWithGzipLayers() throws Exception {
    build("-t", "hello:1");
    Path a = tmp.resolve("a.tar");
    Path b = tmp.resolve("b.tar");

    jbuild("save", "--format", "oci-archive", "-o", a.toString(), "hello:1");
    jbuild("save", "--format", "oci-archive", "-o", b.toString(), "hello:1");

    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    ImageValidator.validateOciArchive(a);
    JsonNode m =
        JSON.readTree(
            Tool.ok("skopeo", "inspect", "--raw", "oci-archive:" + a + ":docker.io/library/hello:1")
                .out());
    assertThat(layerTypes(m)).hasSize(3).containsOnly(MediaTypes.OCI_LAYER_GZIP);
  }

  @Test
  void savingWithCompressionFormatUncompressedKeepsPlainLayers() throws Exception {
    build("-t", "hello:1");
    Path dir = tmp.resolve("oci");

    jbuild(
        "save",
        "--format",
        "oci-dir",
        "--compression-format",
        "uncompressed",
        "-o",
        dir.toString(),
        "hello:1");

    ImageValidator.validateLayout(dir);
    assertThat(Files.exists(store().resolve("compressed"))).isFalse();
    Path bundle = tmp.resolve("bundle");
    Tool.ok(
        "umoci",
        "unpack",
        "--rootless",
        "--image",
        dir + ":docker.io/library/hello:1",
        bundle.toString());
    assertThat(bundle.resolve("rootfs/usr/local/bin/serve")).isRegularFile();
  }

  @Test
  void pruneAfterPushKeepsTheImageAndNoMappingOutlivesItsBlob() throws Exception {
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("registry"))) {
      String ref = registry.address() + "/hello:1";
      build("-t", ref, "--push");
      String digest = pushedDigest(ref);
      ageStore();

      CliRun prune = jbuild("prune");

      assertThat(prune.exitCode).isZero();
      ImageManifest m = stored(ref);
      try (LocalStore s = LocalStore.open(store())) {
        for (Descriptor l : m.layers()) {
          assertThat(s.hasBlob(l.digest())).as(l.digest().toString()).isTrue();
        }
      }
      assertMappingsNameExistingBlobs();
      // the compressed copies are made again, to the same bytes
      assertThat(jbuild("push", ref).out.strip()).isEqualTo(digest);
      assertMappingsNameExistingBlobs();
    }
  }

  @Test
  void aCompressedCopyCutShortIsMadeAgainByTheNextExport() throws Exception {
    build("-t", "hello:1");
    Path a = tmp.resolve("a.tar");
    jbuild("save", "--format", "oci-archive", "-o", a.toString(), "hello:1");
    List<Path> mappings = mappings();
    assertThat(mappings).hasSize(3);
    for (Path mapping : mappings) {
      Path blob = blobOf(mapping);
      Files.write(blob, new byte[] {1, 2, 3});
    }

    Path b = tmp.resolve("b.tar");
    jbuild("save", "--format", "oci-archive", "-o", b.toString(), "hello:1");

    assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
  }

  @Test
  void cacheExportCarriesGzipLayersAndAFreshStoreStillHitsEveryStep() throws Exception {
    Path cache = tmp.resolve("cache");
    CliRun first = build("-t", "hello:1", "--cache-to", "type=local,dest=" + cache + ",mode=max");
    JsonNode index = JSON.readTree(cache.resolve("index.json").toFile());
    String hex = index.at("/manifests/0/digest").asText().substring("sha256:".length());
    JsonNode manifest = JSON.readTree(cache.resolve("blobs/sha256/" + hex).toFile());
    assertThat(layerTypes(manifest)).isNotEmpty().containsOnly(MediaTypes.OCI_LAYER_GZIP);

    CliRun fresh =
        CliRun.jbuild(
            tmp.resolve("other"),
            "build",
            "-t",
            "hello:1",
            "--cache-from",
            "type=local,src=" + cache,
            Samples.dir("hello").toString());

    assertThat(fresh.exitCode).as(fresh.toString()).isZero();
    assertThat(StepLog.ran(fresh.err)).as(fresh.err).isEmpty();
    assertThat(imageId(fresh.err)).isEqualTo(imageId(first.err));
  }

  @Test
  void aStageBuiltOnAStageFromASharedCacheKeysLikeTheOneBuiltLocally() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("a"), "a");
    Files.writeString(ctx.resolve("b"), "b");
    Files.writeString(
        ctx.resolve("Dockerfile"), "FROM scratch AS base\nCOPY a /a\nFROM base\nCOPY b /b\n");
    Path cache = tmp.resolve("cache");
    CliRun first =
        CliRun.jbuild(
            store(), "build", "--cache-to", "type=local,mode=max,dest=" + cache, ctx.toString());
    assertThat(first.exitCode).as(first.toString()).isZero();

    // the fresh store gets the base stage's layer gzip; the second stage must still hit
    CliRun fresh =
        CliRun.jbuild(
            tmp.resolve("other"),
            "build",
            "--cache-from",
            "type=local,src=" + cache,
            ctx.toString());

    assertThat(fresh.exitCode).as(fresh.toString()).isZero();
    assertThat(StepLog.ran(fresh.err)).as(fresh.err).isEmpty();
    assertThat(imageId(fresh.err)).isEqualTo(imageId(first.err));
  }

  @Test
  void aSharedCacheEntryContinuesALocallyBuiltStepByDiffIds() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("a"), "a");
    Files.writeString(ctx.resolve("b"), "b");
    String both = "FROM scratch\nCOPY a /a\nCOPY b /b\n";
    Files.writeString(ctx.resolve("Dockerfile"), both);
    Path cache = tmp.resolve("cache");
    CliRun first =
        CliRun.jbuild(store(), "build", "--cache-to", "type=local,dest=" + cache, ctx.toString());
    assertThat(first.exitCode).as(first.toString()).isZero();
    // another store builds the first step itself: its layer is stored uncompressed
    Path other = tmp.resolve("other");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY a /a\n");
    assertThat(CliRun.jbuild(other, "build", ctx.toString()).exitCode).isZero();
    Files.writeString(ctx.resolve("Dockerfile"), both);

    CliRun second =
        CliRun.jbuild(other, "build", "--cache-from", "type=local,src=" + cache, ctx.toString());

    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(StepLog.ran(second.err)).as(second.err).isEmpty();
    assertThat(imageId(second.err)).isEqualTo(imageId(first.err));
  }

  private List<Path> mappings() throws IOException {
    Path dir = store().resolve("compressed");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
    }
  }

  private Path blobOf(Path mapping) throws IOException {
    String digest = JSON.readTree(mapping.toFile()).get("digest").asText();
    return store().resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private void assertMappingsNameExistingBlobs() throws IOException {
    for (Path mapping : mappings()) {
      long size = JSON.readTree(mapping.toFile()).get("size").asLong();
      assertThat(blobOf(mapping)).as(mapping.toString()).isRegularFile().hasSize(size);
    }
  }

  private void ageStore() throws IOException {
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.walkFileTree(
        store(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.setLastModifiedTime(f, old);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String imageId(String progress) {
    return progress
        .lines()
        .filter(l -> l.contains("writing image sha256:"))
        .map(l -> l.replaceAll(".*writing image (sha256:[0-9a-f]{64}).*", "$1"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no image ID in:\n" + progress));
  }
}
