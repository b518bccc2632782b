package dev.jbuild.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.layer.Compression;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.ImageValidator;
import dev.jbuild.testkit.RandomImages;
import dev.jbuild.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {
  @TempDir Path tmp;
  private LocalStore store;

  @BeforeEach
  void open() throws IOException {
    store = LocalStore.open(tmp.resolve("store"));
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void ociLayoutWithTwoImagesPassesValidatorAndSkopeo() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 1, 2, Compression.GZIP, false);
    StoreImage b = RandomImages.create(store, "b", 2, 1, Compression.ZSTD, false);
    Path layout = tmp.resolve("layout");

    OciLayoutWriter.writeLayout(
        layout, List.of(new NamedImage("1.0", a), new NamedImage("2.0", b)));

    assertThat(ImageValidator.validateLayout(layout)).isEqualTo(2);
    String inspect = Tools.run("skopeo", "inspect", "--raw", "oci:" + layout + ":1.0");
    assertThat(inspect).contains(a.manifest().layers().get(0).digest().toString());
    Tools.run("skopeo", "copy", "-q", "oci:" + layout + ":2.0", "dir:" + tmp.resolve("copied"));
    assertThat(tmp.resolve("copied/manifest.json")).exists();
    try (OciLayout read = OciLayout.open(layout)) {
      assertThat(read.refs()).containsExactly("1.0", "2.0");
      assertThat(read.image("2.0", null).manifestDigest()).isEqualTo(b.manifestDigest());
    }
  }

  @Test
  void writingIntoAnExistingLayoutKeepsOtherImagesAndReplacesSameRef() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 1, 1, Compression.GZIP, false);
    StoreImage b = RandomImages.create(store, "b", 2, 1, Compression.GZIP, false);
    StoreImage c = RandomImages.create(store, "c", 3, 1, Compression.GZIP, false);
    Path layout = tmp.resolve("layout");
    OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("a", a), new NamedImage("b", b)));

    OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("b", c)));

    assertThat(ImageValidator.validateLayout(layout)).isEqualTo(2);
    try (OciLayout read = OciLayout.open(layout)) {
      assertThat(read.refs()).containsExactly("a", "b");
      assertThat(read.image("b", null).manifestDigest()).isEqualTo(c.manifestDigest());
    }
  }

  @Test
  void umociUnpacksOurLayout() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 7, 2, Compression.GZIP, false);
    Path layout = tmp.resolve("layout");
    OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("latest", a)));

    Tools.run(
        "umoci",
        "raw",
        "unpack",
        "--rootless",
        "--image",
        layout + ":latest",
        tmp.resolve("rootfs").toString());

    assertThat(tmp.resolve("rootfs/d700/f0")).exists();
    assertThat(tmp.resolve("rootfs/d701/link")).isSymbolicLink();
  }

  @Test
  void ociArchiveRoundTripsAndPassesSkopeo() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 3, 2, Compression.GZIP, false);
    Path archive = tmp.resolve("out.tar");

    OciLayoutWriter.writeArchive(archive, List.of(new NamedImage("v1", a)));

    assertThat(ImageValidator.validateOciArchive(archive)).isEqualTo(1);
    Tools.run("skopeo", "inspect", "oci-archive:" + archive + ":v1");
    try (OciLayout read = OciLayout.openArchive(archive)) {
      Image back = read.image("v1", null);
      assertThat(back.manifestDigest()).isEqualTo(a.manifestDigest());
      assertThat(back.config()).isEqualTo(a.config());
    }
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("store", "out.tar");
  }

  @Test
  void dockerArchiveHasUncompressedLayersAndReadsBackWithSameDiffIds() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 4, 2, Compression.GZIP, true);
    Path archive = tmp.resolve("docker.tar");

    DockerArchiveWriter.write(archive, List.of(new NamedImage("example.com/app", a)), false);

    assertThat(ImageValidator.validateDockerArchive(archive)).isEqualTo(1);
    String listing = Tools.run("tar", "-tf", archive.toString());
    assertThat(listing)
        .contains(
            "manifest.json", "repositories", a.config().rootfs().diffIds().get(0).hex() + ".tar");
    try (DockerArchive read = DockerArchive.open(archive)) {
      assertThat(read.tags()).containsExactly("example.com/app:latest");
      Image back = read.image("example.com/app");
      assertThat(back.config()).isEqualTo(a.config());
      assertThat(back.layers()).extracting(Layer::diffId).isEqualTo(a.config().rootfs().diffIds());
      StoreImage stored = StoreImage.put(store, back, "from-archive");
      assertThat(stored.config()).isEqualTo(a.config());
    }
    Tools.run("skopeo", "inspect", "docker-archive:" + archive);
  }

  @Test
  void failedWriteLeavesNothingAtDestination() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 5, 1, Compression.GZIP, false);
    Digest layer = a.manifest().layers().get(0).digest();
    Files.delete(store.blobPath(layer));
    Path layout = tmp.resolve("layout");
    Path archive = tmp.resolve("x.tar");

    assertThatThrownBy(() -> OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("a", a))))
        .hasMessageContaining(layer.toString());
    assertThatThrownBy(
            () -> DockerArchiveWriter.write(archive, List.of(new NamedImage("a", a)), true))
        .hasMessageContaining(layer.toString());
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("store");
  }

  @Test
  void unknownRefNamesTheAvailableOnes() throws IOException {
    StoreImage a = RandomImages.create(store, "a", 6, 1, Compression.NONE, false);
    Path layout = tmp.resolve("layout");
    OciLayoutWriter.writeLayout(layout, List.of(new NamedImage("x", a)));

    try (OciLayout read = OciLayout.open(layout)) {
      assertThatThrownBy(() -> read.image("y", null))
          .isInstanceOf(ImageFormatException.class)
          .hasMessage("no image y in OCI layout " + layout + " (refs: x)");
    }
  }
}
