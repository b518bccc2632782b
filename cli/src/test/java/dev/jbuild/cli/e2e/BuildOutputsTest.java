package dev.jbuild.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds samples/hello to every output and checks each with an external reader. */
class BuildOutputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private CliRun build(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "build";
    System.arraycopy(extra, 0, args, 1, extra.length);
    args[extra.length + 1] = "-t";
    args[extra.length + 2] = "hello:1";
    String[] withContext = java.util.Arrays.copyOf(args, args.length + 1);
    withContext[args.length] = Samples.dir("hello").toString();
    CliRun r = CliRun.jbuild(tmp.resolve("store"), withContext);
    assertThat(r.exitCode).as(r.toString()).isZero();
    return r;
  }

  @Test
  void ociLayoutDirectoryIsReadBySkopeoAndUnpackedByUmoci() throws Exception {
    Path layout = tmp.resolve("layout");
    build("-o", "type=oci,dest=" + layout + ",tar=false");
    JsonNode config =
        JSON.readTree(Tool.ok("skopeo", "inspect", "--config", "oci:" + layout + ":1").out());
    JsonNode c = config.get("config");
    assertThat(c.get("ExposedPorts").toString()).isEqualTo("{\"8080/tcp\":{}}");
    assertThat(c.get("Env").toString()).contains("\"APP_HOME=/srv/www\"", "\"PORT=8080\"");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/srv/www");
    assertThat(c.get("User").asText()).isEqualTo("1000:1000");
    assertThat(c.get("Volumes").toString()).isEqualTo("{\"/data\":{}}");
    assertThat(c.get("StopSignal").asText()).isEqualTo("SIGTERM");
    assertThat(c.get("Entrypoint").toString()).isEqualTo("[\"/usr/local/bin/serve\"]");
    assertThat(c.get("Cmd").toString()).isEqualTo("[\"--port\",\"8080\"]");
    assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("hello");
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(3);

    Tool.ok("skopeo", "copy", "oci:" + layout + ":1", "dir:" + tmp.resolve("copied"));
    Path bundle = tmp.resolve("bundle");
    Tool.ok("umoci", "unpack", "--rootless", "--image", layout + ":1", bundle.toString());
    Path served = bundle.resolve("rootfs/srv/www/index.html");
    assertThat(Files.readString(served, StandardCharsets.UTF_8)).contains("hello from jbuild");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(bundle.resolve("rootfs/usr/local/bin/serve"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void ociArchiveIsATarOfTheLayout() throws Exception {
    Path archive = tmp.resolve("img.tar");
    build("-o", "type=oci,dest=" + archive);
    String listing = Tool.ok("tar", "-tvf", archive.toString()).out();
    assertThat(listing).contains("oci-layout", "index.json", "blobs/sha256/");
    Tool.ok("skopeo", "inspect", "oci-archive:" + archive + ":1");
  }

  @Test
  void dockerArchiveHasTheManifestDockerLoadExpects() throws Exception {
    Path archive = tmp.resolve("docker.tar");
    build("-o", "type=docker,dest=" + archive);
    Path out = tmp.resolve("unpacked");
    Files.createDirectories(out);
    Tool.ok("tar", "-xf", archive.toString(), "-C", out.toString());
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest).hasSize(1);
    JsonNode entry = manifest.get(0);
    assertThat(entry.get("RepoTags").get(0).asText()).isIn("hello:1", "docker.io/library/hello:1");
    assertThat(Files.exists(out.resolve(entry.get("Config").asText()))).isTrue();
    assertThat(entry.get("Layers")).hasSize(3);
    for (JsonNode layer : entry.get("Layers")) {
      assertThat(Files.exists(out.resolve(layer.asText()))).isTrue();
    }
    Tool.ok("skopeo", "inspect", "docker-archive:" + archive);
  }

  @Test
  void localAndTarOutputsHoldTheFinalFilesystem() throws Exception {
    Path dir = tmp.resolve("rootfs");
    Path tar = tmp.resolve("rootfs.tar");
    build("-o", "type=local,dest=" + dir, "-o", "type=tar,dest=" + tar);
    assertThat(dir.resolve("srv/www/index.html")).exists();
    assertThat(Files.isExecutable(dir.resolve("usr/local/bin/serve"))).isTrue();
    assertThat(Tool.ok("tar", "-tvf", tar.toString()).out())
        .contains("srv/www/index.html", "usr/local/bin/serve");
  }

  @Test
  void buildahTransportTagsWriteLayoutAndArchives() throws Exception {
    Path layout = tmp.resolve("oci-dir");
    Path ociTar = tmp.resolve("oci.tar");
    Path dockerTar = tmp.resolve("docker.tar");
    build(
        "-t", "oci:" + layout + ":v2",
        "-t", "oci-archive:" + ociTar,
        "-t", "docker-archive:" + dockerTar + ":app:2");
    Tool.ok("skopeo", "inspect", "oci:" + layout + ":v2");
    Tool.ok("skopeo", "inspect", "oci-archive:" + ociTar);
    Tool.ok("skopeo", "inspect", "docker-archive:" + dockerTar);
    String manifest = Tool.ok("tar", "-xOf", dockerTar.toString(), "manifest.json").out();
    assertThat(JSON.readTree(manifest).get(0).get("RepoTags").get(0).asText()).isEqualTo("app:2");
  }

  @Test
  void iidfileAndMetadataFileDescribeTheImage() throws Exception {
    Path iid = tmp.resolve("iid");
    Path meta = tmp.resolve("meta.json");
    CliRun r = build("--iidfile", iid.toString(), "--metadata-file", meta.toString());
    String id = Files.readString(iid);
    assertThat(id).matches("sha256:[0-9a-f]{64}");
    JsonNode m = JSON.readTree(meta.toFile());
    assertThat(m.get("containerimage.config.digest").asText()).isEqualTo(id);
    assertThat(m.get("containerimage.digest").asText()).matches("sha256:[0-9a-f]{64}");
    assertThat(m.get("containerimage.descriptor").get("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(m.get("image.name").asText()).isEqualTo("docker.io/library/hello:1");
    assertThat(r.err).contains(id);
  }

  @Test
  void sameInputsWithSourceDateEpochGiveTheSameDigest() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    build("--iidfile", a.toString(), "--no-cache");
    build("--iidfile", b.toString(), "--no-cache");
    assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
  }
}
