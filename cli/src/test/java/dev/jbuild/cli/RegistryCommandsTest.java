package dev.jbuild.cli;

import static dev.jbuild.cli.TestImages.jbuild;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.layer.Compression;
import dev.jbuild.store.LocalStore;
import dev.jbuild.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path dir(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static JsonNode skopeoInspect(String ref, boolean raw) throws Exception {
    String out =
        raw
            ? Tools.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref)
            : Tools.run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref);
    return JSON.readTree(out);
  }

  @Test
  void pushThenPullIntoAnEmptyStoreGivesTheSameDigests() throws Exception {
    Path source = dir("source");
    Digest manifest = TestImages.putTagged(source, "docker.io/library/app:1", "one", "two");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      String ref = reg.host() + "/team/app:1";

      TestImages.Run push = jbuild("push", "--root", source.toString(), "app:1", ref);

      assertThat(push.exitCode()).as(push.err()).isZero();
      assertThat(push.out().strip()).isEqualTo(manifest.toString());
      assertThat(skopeoInspect(ref, false).get("Digest").asText()).isEqualTo(manifest.toString());

      Path target = dir("target");
      TestImages.Run pull = jbuild("pull", "--root", target.toString(), ref);

      assertThat(pull.exitCode()).as(pull.err()).isZero();
      try (LocalStore a = LocalStore.open(source);
          LocalStore b = LocalStore.open(target)) {
        assertThat(b.images()).containsEntry(ref, manifest).hasSize(1);
        ImageManifest m = b.manifest(manifest);
        assertThat(pull.out().strip()).isEqualTo(m.config().digest().toString());
        assertThat(b.readBlob(m.config().digest())).isEqualTo(a.readBlob(m.config().digest()));
        for (Descriptor l : m.layers()) {
          assertThat(b.readBlob(l.digest())).isEqualTo(a.readBlob(l.digest()));
        }
      }
    }
  }

  @Test
  void pushWithDockerFormatRewritesMediaTypesAndKeepsTheImageId() throws Exception {
    Path source = dir("source");
    Digest manifest = TestImages.putTagged(source, "docker.io/library/app:1", "x");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      String ref = reg.host() + "/app:docker";

      TestImages.Run push =
          jbuild("push", "--root", source.toString(), "--format", "docker", "app:1", ref);

      assertThat(push.exitCode()).as(push.err()).isZero();
      JsonNode raw = skopeoInspect(ref, true);
      assertThat(raw.get("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(raw.at("/config/mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
      assertThat(raw.at("/layers/0/mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
      assertThat(push.out().strip()).isNotEqualTo(manifest.toString());

      Path target = dir("target");
      TestImages.Run pull = jbuild("pull", "--root", target.toString(), ref);
      try (LocalStore a = LocalStore.open(source)) {
        assertThat(pull.out().strip()).isEqualTo(a.manifest(manifest).config().digest().toString());
      }
    }
  }

  @Test
  void pullOfAMissingTagFailsInOneLineAndTagsNothing() throws Exception {
    Path target = dir("target");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      TestImages.Run pull = jbuild("pull", "--root", target.toString(), reg.host() + "/none:1");

      assertThat(pull.exitCode()).isEqualTo(1);
      assertThat(pull.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
      assertThat(pull.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    try (LocalStore b = LocalStore.open(target)) {
      assertThat(b.images()).isEmpty();
    }
  }

  @Test
  void pullIntoAStoreThatCannotBeOpenedFailsInOneLineWhileTheManifestIsBeingLocated()
      throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      TestImages.Run pull =
          jbuild("pull", "--root", notADirectory.toString(), reg.host() + "/none:1");

      assertThat(pull.exitCode()).isEqualTo(1);
      assertThat(pull.err().lines().filter(l -> l.startsWith("error:")).toList())
          .singleElement()
          .asString()
          .contains(notADirectory.toString());
      assertThat(pull.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void loginStoresCredentialsThatPushUsesAndLogoutRemovesThem() throws Exception {
    Path source = dir("source");
    TestImages.putTagged(source, "docker.io/library/app:1", "x");
    Path auth = tmp.resolve("auth.json");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"), "alice", "s3cret-pw")) {
      String host = reg.host();
      String[] push = {"push", "--root", source.toString(), "--authfile", auth.toString()};

      TestImages.Run wrong =
          jbuild("login", "--authfile", auth.toString(), "-u", "alice", "-p", "nope", host);
      assertThat(wrong.exitCode()).isEqualTo(1);
      assertThat(wrong.err()).doesNotContain("nope");
      assertThat(auth).doesNotExist();

      TestImages.Run login =
          jbuild("login", "--authfile", auth.toString(), "-u", "alice", "-p", "s3cret-pw", host);
      assertThat(login.exitCode()).as(login.err()).isZero();
      assertThat(JSON.readTree(auth.toFile()).at("/auths").has(host)).isTrue();

      TestImages.Run pushed = jbuild(concat(push, "app:1", host + "/app:1"));
      assertThat(pushed.exitCode()).as(pushed.err()).isZero();

      TestImages.Run logout = jbuild("logout", "--authfile", auth.toString(), host);
      assertThat(logout.exitCode()).isZero();
      assertThat(JSON.readTree(auth.toFile()).at("/auths").has(host)).isFalse();

      TestImages.Run denied = jbuild(concat(push, "app:1", host + "/app:2"));
      assertThat(denied.exitCode()).isEqualTo(1);
      assertThat(denied.err()).doesNotContain("\tat ");

      TestImages.Run withCreds =
          jbuild(concat(push, "--creds", "alice:s3cret-pw", "app:1", host + "/app:3"));
      assertThat(withCreds.exitCode()).as(withCreds.err()).isZero();
      assertThat(withCreds.err()).doesNotContain("s3cret-pw");
    }
  }

  @Test
  void logoutWhenNotLoggedInFails() throws Exception {
    Path auth = tmp.resolve("auth.json");
    TestImages.Run r = jbuild("logout", "--authfile", auth.toString(), "registry.example.com");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: not logged in to registry.example.com: no stored" + " credentials to remove\n");
  }

  @Test
  void multiPlatformIndexPushesWholeAndPullsTheChosenPlatform() throws Exception {
    Path source = dir("source");
    Digest index = TestImages.putIndex(source, "docker.io/library/multi:1");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      String ref = reg.host() + "/multi:1";

      TestImages.Run push = jbuild("push", "--root", source.toString(), "multi:1", ref);

      assertThat(push.exitCode()).as(push.err()).isZero();
      JsonNode raw = skopeoInspect(ref, true);
      assertThat(raw.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(raw.get("manifests")).hasSize(2);

      Path target = dir("target");
      TestImages.Run pull =
          jbuild("pull", "--root", target.toString(), "--platform", "linux/arm64", ref);

      assertThat(pull.exitCode()).as(pull.err()).isZero();
      TestImages.Run env =
          jbuild(
              "inspect",
              "--root",
              target.toString(),
              "-f",
              "{{.Architecture}} {{.Config.Env}}",
              ref);
      assertThat(env.out()).isEqualTo("arm64 [P=arm64]\n");
    }
    TestImages.Run listed = jbuild("images", "--digests", "--root", source.toString());
    assertThat(listed.out()).contains(index.toString());
  }

  @Test
  void multiPlatformIndexOfUncompressedLayersIsPushedWithGzipChildrenAndTheSameDigestTwice()
      throws Exception {
    Path source = dir("source");
    Digest stored = TestImages.putIndex(source, "docker.io/library/multi:1", Compression.NONE);
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      String ref = reg.host() + "/multi:1";

      TestImages.Run push = jbuild("push", "--root", source.toString(), "multi:1", ref);

      assertThat(push.exitCode()).as(push.err()).isZero();
      String pushed = push.out().strip();
      assertThat(pushed).isNotEqualTo(stored.toString());
      JsonNode index = skopeoInspect(ref, true);
      assertThat(index.get("manifests")).hasSize(2);
      for (JsonNode child : index.get("manifests")) {
        JsonNode m = skopeoInspect(reg.host() + "/multi@" + child.get("digest").asText(), true);
        assertThat(m.at("/layers/0/mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      }
      TestImages.Run again = jbuild("push", "--root", source.toString(), "multi:1", ref);
      assertThat(again.out().strip()).isEqualTo(pushed);
    }
  }

  @Test
  void pushByImageIdGoesToTheImagesOnlyName() throws Exception {
    Path source = dir("source");
    Digest manifest = TestImages.put(source, java.util.List.of(), "x");
    try (LocalRegistry reg = LocalRegistry.start(dir("registry"))) {
      String name = reg.host() + "/byid:1";
      String id;
      try (LocalStore s = LocalStore.open(source)) {
        s.tag(name, manifest);
        id = s.manifest(manifest).config().digest().hex().substring(0, 12);
      }

      TestImages.Run push = jbuild("push", "--root", source.toString(), id);

      assertThat(push.exitCode()).as(push.err()).isZero();
      assertThat(skopeoInspect(name, false).get("Digest").asText()).isEqualTo(manifest.toString());
    }
  }

  @Test
  void httpsRegistryIsTrustedThroughCertDirOrWithTlsVerifyFalse() throws Exception {
    Path source = dir("source");
    Digest manifest = TestImages.putTagged(source, "docker.io/library/app:1", "tls");
    Path regDir = dir("registry");
    Path cert = TestTls.selfSigned(regDir);
    try (LocalRegistry reg = LocalRegistry.startHttps(regDir)) {
      Path certDir = dir("certs");
      Files.createDirectories(certDir.resolve(reg.host()));
      Files.copy(cert, certDir.resolve(reg.host()).resolve("ca.crt"));
      String root = source.toString();

      TestImages.Run untrusted =
          jbuild("push", "--root", root, "--tls-verify=true", "app:1", reg.host() + "/app:1");
      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.err().lines().filter(l -> l.startsWith("error: ")))
          .singleElement()
          .asString()
          .contains("over HTTPS");
      assertThat(untrusted.err()).doesNotContain("\tat ");

      TestImages.Run trusted =
          jbuild(
              "push",
              "--root",
              root,
              "--cert-dir",
              certDir.toString(),
              "--tls-verify=true",
              "app:1",
              reg.host() + "/app:1");
      assertThat(trusted.exitCode()).as(trusted.err()).isZero();

      TestImages.Run insecure =
          jbuild("push", "--root", root, "--tls-verify=false", "app:1", reg.host() + "/app:2");
      assertThat(insecure.exitCode()).as(insecure.err()).isZero();
      assertThat(skopeoInspect(reg.host() + "/app:2", false).get("Digest").asText())
          .isEqualTo(manifest.toString());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
