package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.store.LocalStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path root;
  private Digest manifestDigest;
  private ImageManifest manifest;

  @BeforeEach
  void image() throws Exception {
    manifestDigest = TestImages.putTagged(root, "docker.io/library/app:1", "one", "two");
    try (LocalStore s = LocalStore.open(root)) {
      manifest = s.manifest(manifestDigest);
    }
  }

  private String inspect(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "inspect";
    args[1] = "--root";
    args[2] = root.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    TestImages.Run r = jbuild(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void inspectShowsDockerFieldsAndTheManifest() throws Exception {
    JsonNode all = new ObjectMapper().readTree(inspect("app:1"));
    assertThat(all).hasSize(1);
    JsonNode i = all.get(0);
    assertThat(i.get("Id").asText()).isEqualTo(manifest.config().digest().toString());
    assertThat(i.get("Digest").asText()).isEqualTo(manifestDigest.toString());
    assertThat(i.get("RepoTags").get(0).asText()).isEqualTo("docker.io/library/app:1");
    assertThat(i.get("Created").asText()).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(i.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(i.get("Os").asText()).isEqualTo("linux");
    assertThat(i.at("/Config/Env/1").asText()).isEqualTo("A=1");
    assertThat(i.at("/RootFS/Layers")).hasSize(2);
    assertThat(i.at("/History/1/created_by").asText()).isEqualTo("COPY file1 /");
    assertThat(i.at("/Manifest/layers/0/digest").asText())
        .isEqualTo(manifest.layers().get(0).digest().toString());
  }

  @Test
  void formatPrintsFieldsAsGoTemplatesDo() {
    assertThat(inspect("--format", "{{.Config.Env}}", "app:1")).isEqualTo("[PATH=/bin A=1]\n");
    assertThat(inspect("--format", "{{json .Config.Env}}", "app:1"))
        .isEqualTo("[\"PATH=/bin\",\"A=1\"]\n");
    assertThat(inspect("-f", "{{.Id}} {{.Os}}/{{.Architecture}}", "app:1"))
        .isEqualTo(manifest.config().digest() + " linux/amd64\n");
  }

  @Test
  void typeManifestAndConfigPrintTheStoredDocuments() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (LocalStore s = LocalStore.open(root)) {
      assertThat(json.readTree(inspect("--type", "manifest", "app:1")))
          .isEqualTo(json.readTree(s.readBlob(manifestDigest)));
      assertThat(json.readTree(inspect("--type", "config", "app:1")))
          .isEqualTo(json.readTree(s.readBlob(manifest.config().digest())));
    }
  }

  @Test
  void badTemplateIsAUsageErrorNamingTheAction() {
    TestImages.Run r = jbuild("inspect", "--root", root.toString(), "-f", "{{range .X}}", "app:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unsupported action {{range .X}}");
  }

  @Test
  void unknownImageFailsWithoutStackTrace() {
    TestImages.Run r = jbuild("inspect", "--root", root.toString(), "ghost:9");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
  }
}
