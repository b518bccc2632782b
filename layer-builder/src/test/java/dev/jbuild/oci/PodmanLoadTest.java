package dev.jbuild.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.layer.Compression;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.RandomImages;
import dev.jbuild.testkit.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** podman with a throwaway --root/--runroot, so the host's image store is never touched. */
class PodmanLoadTest {
  @TempDir Path tmp;

  private String podman(String... args) throws IOException {
    String[] cmd = new String[args.length + 6];
    cmd[0] = "podman";
    cmd[1] = "--root";
    cmd[2] = tmp.resolve("podman-root").toString();
    cmd[3] = "--runroot";
    cmd[4] = tmp.resolve("podman-run").toString();
    cmd[5] = "--storage-driver=vfs";
    System.arraycopy(args, 0, cmd, 6, args.length);
    return Tools.run(cmd);
  }

  @Test
  void podmanLoadsOurDockerArchivesAndOciArchive() throws IOException {
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      StoreImage docker = RandomImages.create(store, "d", 11, 2, Compression.GZIP, true);
      StoreImage oci = RandomImages.create(store, "o", 12, 2, Compression.GZIP, false);
      Path plain = tmp.resolve("plain.tar");
      Path compressed = tmp.resolve("compressed.tar");
      Path ociArchive = tmp.resolve("oci.tar");
      DockerArchiveWriter.write(plain, List.of(new NamedImage("localhost/plain:1", docker)), false);
      DockerArchiveWriter.write(
          compressed, List.of(new NamedImage("localhost/compressed:1", oci)), true);
      OciLayoutWriter.writeArchive(ociArchive, List.of(new NamedImage("localhost/oci:1", oci)));

      assertThat(podman("load", "-i", plain.toString())).contains("localhost/plain:1");
      assertThat(podman("load", "-i", compressed.toString())).contains("localhost/compressed:1");
      podman("load", "-i", ociArchive.toString());

      String images = podman("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
      assertThat(images).contains("localhost/plain:1", "localhost/compressed:1");
      String id = podman("image", "inspect", "--format", "{{.Id}}", "localhost/plain:1").trim();
      assertThat(id).isEqualTo(docker.manifest().config().digest().hex());
      String ociId = oci.manifest().config().digest().hex();
      assertThat(podman("image", "inspect", "--format", "{{.Id}}", ociId).trim()).isEqualTo(ociId);
    }
  }
}
