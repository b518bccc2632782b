package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Digest;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadCommandTest {
  @TempDir Path tmp;
  private Path source;
  private Path target;
  private Digest manifest;
  private Digest imageId;

  @BeforeEach
  void image() throws Exception {
    source = Files.createDirectories(tmp.resolve("source"));
    target = Files.createDirectories(tmp.resolve("target"));
    manifest = TestImages.putTagged(source, "docker.io/library/app:1", "one", "two");
    try (LocalStore s = LocalStore.open(source)) {
      imageId = s.manifest(manifest).config().digest();
    }
  }

  @Test
  void ociArchiveRoundTripKeepsNameAndManifestDigest() throws Exception {
    Path file = tmp.resolve("app.oci.tar");

    TestImages.Run save =
        jbuild(
            "save",
            "--root",
            source.toString(),
            "--format",
            "oci-archive",
            "-o",
            file.toString(),
            "app:1");
    assertThat(save.exitCode()).as(save.err()).isZero();
    JsonNode skopeo =
        new ObjectMapper().readTree(Tools.run("skopeo", "inspect", "oci-archive:" + file));
    assertThat(skopeo.get("Digest").asText()).isEqualTo(manifest.toString());

    TestImages.Run load = jbuild("load", "--root", target.toString(), "-i", file.toString());

    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(load.out()).contains("Loaded image: docker.io/library/app:1");
    try (LocalStore t = LocalStore.open(target)) {
      assertThat(t.images()).containsEntry("docker.io/library/app:1", manifest);
    }
  }

  @Test
  void dockerArchiveRoundTripKeepsNameAndImageId() throws Exception {
    Path file = tmp.resolve("app.tar");

    TestImages.Run save =
        jbuild("save", "--root", source.toString(), "-o", file.toString(), "app:1");
    assertThat(save.exitCode()).as(save.err()).isZero();
    JsonNode skopeo =
        new ObjectMapper().readTree(Tools.run("skopeo", "inspect", "docker-archive:" + file));
    assertThat(skopeo.get("Layers")).hasSize(2);

    TestImages.Run load = jbuild("load", "--root", target.toString(), "-i", file.toString());

    assertThat(load.exitCode()).as(load.err()).isZero();
    TestImages.Run id = jbuild("inspect", "--root", target.toString(), "-f", "{{.Id}}", "app:1");
    assertThat(id.out().strip()).isEqualTo(imageId.toString());
  }

  @Test
  void loadOfAFileThatIsNoArchiveFailsInOneLineAndStoresNothing() throws Exception {
    Path junk = tmp.resolve("junk.tar");
    Files.writeString(junk, "not a tar");

    TestImages.Run load = jbuild("load", "--root", target.toString(), "-i", junk.toString());

    assertThat(load.exitCode()).isEqualTo(1);
    assertThat(load.err()).startsWith("error: ").doesNotContain("\tat ");
    try (LocalStore t = LocalStore.open(target)) {
      assertThat(t.images()).isEmpty();
    }
  }

  @Test
  void saveWithUnknownFormatIsAUsageError() {
    TestImages.Run save =
        jbuild("save", "--root", source.toString(), "--format", "zip", "-o", "x", "app:1");
    assertThat(save.exitCode()).isEqualTo(2);
    assertThat(save.err()).contains("docker-archive, oci-archive or oci-dir");
  }

  @Test
  void anImageLoadedWithoutANameIsListedWithAllAndCanBeTaggedById() throws Exception {
    Path layout = tmp.resolve("layout");
    assertThat(
            jbuild(
                    "save",
                    "--root",
                    source.toString(),
                    "--format",
                    "oci-dir",
                    "-o",
                    layout.toString(),
                    "app:1")
                .exitCode())
        .isZero();
    // an OCI ref that is only a tag, as umoci and buildah write them, gives no image name
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replace("docker.io/library/app:1", "1.0"));

    TestImages.Run load = jbuild("load", "--root", target.toString(), "-i", layout.toString());

    assertThat(load.out().strip()).isEqualTo("Loaded image ID: " + imageId);
    TestImages.Run listed = jbuild("images", "-a", "--root", target.toString());
    assertThat(listed.out()).containsPattern("<none> +<none> +" + imageId.hex().substring(0, 12));
    String prefix = imageId.hex().substring(0, 10);
    assertThat(jbuild("tag", "--root", target.toString(), prefix, "named:1").exitCode()).isZero();
    try (LocalStore t = LocalStore.open(target)) {
      assertThat(t.images()).containsEntry("docker.io/library/named:1", manifest);
    }
  }
}
