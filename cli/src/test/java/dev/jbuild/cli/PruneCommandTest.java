package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {
  private final Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
  @TempDir Path root;

  /** Every blob an image needs: manifest, config, layers. */
  private List<Digest> blobsOf(Digest manifest) throws IOException {
    try (LocalStore s = LocalStore.open(root)) {
      ImageManifest m = s.manifest(manifest);
      List<Digest> all = new ArrayList<>(List.of(manifest, m.config().digest()));
      m.layers().forEach(l -> all.add(l.digest()));
      return all;
    }
  }

  private List<Digest> diffIdsOf(Digest manifest) throws IOException {
    try (LocalStore s = LocalStore.open(root)) {
      return s.config(s.manifest(manifest).config().digest()).rootfs().diffIds();
    }
  }

  private Digest orphanBlob(String content) throws IOException {
    try (LocalStore s = LocalStore.open(root)) {
      return s.putBlob(content.getBytes(UTF_8));
    }
  }

  private Path unpack(Digest diffId) throws IOException {
    try (LocalStore s = LocalStore.open(root)) {
      return s.unpackLayer(
          diffId,
          dir -> {
            Files.createDirectories(dir.resolve("etc"));
            Files.writeString(dir.resolve("etc/hostname"), "x");
          });
    }
  }

  private boolean hasBlob(Digest d) throws IOException {
    try (LocalStore s = LocalStore.open(root)) {
      return s.hasBlob(d);
    }
  }

  /** Makes everything in the store look as if it was written an hour ago. */
  private void ageStore() throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.setLastModifiedTime(f, FileTime.from(hourAgo));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.setLastModifiedTime(d, FileTime.from(hourAgo));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Test
  void pruneRemovesUnreferencedBlobsAndLayersAndKeepsTaggedImages() throws Exception {
    Digest app = TestImages.putTagged(root, "docker.io/library/app:1", "kept");
    Path keptLayer = unpack(diffIdsOf(app).get(0));
    Digest orphan = orphanBlob("orphan");
    Path orphanLayer = unpack(Digest.sha256("ab".repeat(32)));
    ageStore();

    TestImages.Run r = jbuild("prune", "--root", root.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("Removed 1 blobs, 1 unpacked layers, 0 cache entries, 0 pooled files\n");
    assertThat(r.out()).contains("Total reclaimed space: 7B");
    assertThat(hasBlob(orphan)).isFalse();
    assertThat(orphanLayer).doesNotExist();
    for (Digest d : blobsOf(app)) {
      assertThat(hasBlob(d)).as(d.toString()).isTrue();
    }
    assertThat(keptLayer.resolve("etc/hostname")).hasContent("x");
    assertThat(jbuild("inspect", "--root", root.toString(), "app:1").exitCode()).isZero();
  }

  @Test
  void pruneDropsLayerHeaderFilesOfGoneBlobsAndLeftoverTempFiles() throws Exception {
    Digest app = TestImages.putTagged(root, "docker.io/library/app:1", "kept");
    Digest kept = blobsOf(app).get(2);
    Path headers = Files.createDirectories(root.resolve("layer-headers"));
    Path keptFile = Files.writeString(headers.resolve(kept.hex() + ".bin"), "k");
    Path goneFile = Files.writeString(headers.resolve("cd".repeat(32) + ".bin"), "g");
    Path statTmp =
        Files.writeString(
            Files.createDirectories(root.resolve("stat-cache")).resolve(".x.bin.123.tmp"), "t");
    ageStore();

    TestImages.Run r = jbuild("prune", "--root", root.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(keptFile).exists();
    assertThat(goneFile).doesNotExist();
    assertThat(statTmp).doesNotExist();
  }

  @Test
  void pruneKeepsUntaggedImagesUnlessAllAndNeverWhatATaggedImageShares() throws Exception {
    Digest tagged = TestImages.putTagged(root, "docker.io/library/app:1", "shared");
    Digest untagged = TestImages.put(root, List.of("X=2"), "shared", "only-untagged");
    ageStore();

    assertThat(jbuild("prune", "--root", root.toString()).exitCode()).isZero();
    for (Digest d : blobsOf(untagged)) {
      assertThat(hasBlob(d)).isTrue();
    }

    List<Digest> untaggedBlobs = blobsOf(untagged);
    TestImages.Run r = jbuild("prune", "--all", "--root", root.toString());

    assertThat(r.out()).startsWith("Removed 3 blobs, 0 unpacked layers");
    for (Digest d : blobsOf(tagged)) {
      assertThat(hasBlob(d)).isTrue();
    }
    assertThat(hasBlob(untaggedBlobs.get(0))).isFalse(); // manifest
    assertThat(hasBlob(untaggedBlobs.get(1))).isFalse(); // config
    assertThat(hasBlob(untaggedBlobs.get(2))).isTrue(); // layer shared with app:1
    assertThat(hasBlob(untaggedBlobs.get(3))).isFalse();
  }

  @Test
  void pruneKeepsWhatARunningBuildWroteSinceItStarted() throws Exception {
    Digest old = orphanBlob("old");
    ageStore();
    try (LocalStore build = LocalStore.open(root)) {
      Digest fresh = build.putBlob("written by a build, not yet tagged".getBytes(UTF_8));

      assertThat(jbuild("prune", "--all", "--root", root.toString()).exitCode()).isZero();

      assertThat(build.hasBlob(fresh)).isTrue();
      assertThat(build.hasBlob(old)).isFalse();
    }
  }

  @Test
  void pruneKeepsBlobsNamedByCacheEntriesUnlessAll() throws Exception {
    Digest cached = orphanBlob("cached layer");
    Path entry = root.resolve("cache/keys/abc.json");
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "{\"layer\":\"" + cached + "\"}");
    ageStore();

    TestImages.Run keep = jbuild("prune", "--root", root.toString());
    assertThat(keep.out()).startsWith("Removed 0 blobs");
    assertThat(hasBlob(cached)).isTrue();

    TestImages.Run all = jbuild("prune", "--all", "--root", root.toString());
    assertThat(all.out()).startsWith("Removed 1 blobs, 0 unpacked layers, 1 cache entries");
    assertThat(hasBlob(cached)).isFalse();
    assertThat(entry).doesNotExist();
  }

  @Test
  void duReportsSpaceByKind() throws Exception {
    Digest app = TestImages.putTagged(root, "docker.io/library/app:1", "abc");
    unpack(diffIdsOf(app).get(0));
    long blobBytes = 0;
    try (LocalStore s = LocalStore.open(root)) {
      for (Digest d : blobsOf(app)) {
        blobBytes += s.blobSize(d);
      }
    }

    TestImages.Run r = jbuild("du", "--format", "json", "--root", root.toString());

    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(json.at("/Blobs/Count").asInt()).isEqualTo(3);
    assertThat(json.at("/Blobs/Bytes").asLong()).isEqualTo(blobBytes);
    assertThat(json.at("/Layers/Count").asInt()).isEqualTo(1);
    assertThat(json.at("/Layers/Bytes").asLong()).isEqualTo(1);
    assertThat(json.at("/Cache/Count").asInt()).isZero();

    TestImages.Run table = jbuild("du", "--root", root.toString());
    assertThat(table.out()).contains("blobs").contains("unpacked layers").contains("total");
  }

  @Test
  void pruneAllSparesTheFreshBlobsOfABuildRunningInAnotherProcess() throws Exception {
    Digest old = orphanBlob("old orphan");
    ageStore();
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ConcurrentBuildProcess.class.getName(),
                root.toString(),
                "42")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (var fromOther =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(other.getInputStream(), UTF_8));
        var toOther = other.getOutputStream()) {
      Digest fresh = Digest.parse(fromOther.readLine());

      TestImages.Run r = jbuild("prune", "--all", "--root", root.toString());

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(hasBlob(old)).isFalse();
      assertThat(hasBlob(fresh)).isTrue();
      toOther.write('\n');
      toOther.flush();
      assertThat(fromOther.readLine()).isEqualTo("still there");
    } finally {
      other.waitFor();
    }
  }
}
