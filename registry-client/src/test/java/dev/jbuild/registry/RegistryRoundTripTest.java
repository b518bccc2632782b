package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Platform;
import dev.jbuild.registry.testkit.DirectorySink;
import dev.jbuild.registry.testkit.RandomImage;
import dev.jbuild.registry.testkit.RealRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against Debian's real distribution registry, checked with skopeo. */
class RegistryRoundTripTest {
  private static final Platform AMD64 = Platform.of("linux", "amd64", null);

  @TempDir Path tmp;

  private RegistryOptions options() {
    return RegistryOptions.isolated(tmp.resolve("auth.json"));
  }

  /** Records how each blob was handled. */
  static final class Outcomes implements ProgressListener {
    final Map<String, Outcome> byDigest = new ConcurrentHashMap<>();

    @Override
    public void finished(String digest, Outcome outcome) {
      byDigest.put(digest, outcome);
    }
  }

  @Test
  void pushThenPullOverPlainHttpGivesIdenticalVerifiedBlobs() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 3, 200_000, 1, true);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      ImageReference ref = ImageReference.parse(registry.address() + "/team/app:v1");
      assertThat(client.push(ref, image.image(), ProgressListener.NONE))
          .isEqualTo(image.manifest().digest());

      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      PullResult result = client.pull(ref, AMD64, sink, ProgressListener.NONE);

      assertThat(result.manifest()).isEqualTo(image.manifest());
      assertThat(result.index()).isNull();
      assertThat(result.configDigest()).isEqualTo(image.config().digest());
      assertThat(result.layerDigests())
          .containsExactlyElementsOf(image.layers().stream().map(b -> b.digest()).toList());
      List<String> expected = new ArrayList<>();
      image.blobs().forEach(b -> expected.add(b.digest()));
      expected.add(image.manifest().digest());
      assertThat(sink.verifiedContents()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(sink.leftovers()).isEmpty();
      assertThat(client.listTags(ref)).containsExactly("v1");
      assertThat(client.resolveDigest(ref)).contains(image.manifest().digest());
    }
  }

  @Test
  void skopeoReadsAndCopiesWhatWePushed() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 2, 50_000, 2, false);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      String name = registry.address() + "/docker/app:1";
      client.push(ImageReference.parse(name), image.image(), ProgressListener.NONE);

      String inspect = run("skopeo", "inspect", "--tls-verify=false", "docker://" + name);
      assertThat(inspect).contains("\"Digest\": \"" + image.manifest().digest() + "\"");
      assertThat(inspect).contains(image.layers().get(0).digest());

      Path layout = tmp.resolve("oci");
      run("skopeo", "copy", "--src-tls-verify=false", "docker://" + name, "oci:" + layout + ":1");
      // skopeo rewrites a Docker config for an OCI layout; the layers stay byte for byte.
      for (var blob : image.layers()) {
        Path copied = layout.resolve("blobs/sha256/" + blob.digest().substring(7));
        assertThat(copied).hasSameBinaryContentAs(blob.file());
      }

      // and the other way: what skopeo pushes, we pull
      String other = registry.address() + "/docker/copied:2";
      run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":1", "docker://" + other);
      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      PullResult result =
          client.pull(ImageReference.parse(other), AMD64, sink, ProgressListener.NONE);
      assertThat(result.layerDigests()).hasSize(2);
      assertThat(sink.leftovers()).isEmpty();
    }
  }

  @Test
  void secondPullSkipsBlobsTheSinkHasAndSecondPushSkipsBlobsTheRegistryHas() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 2, 10_000, 3, true);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      ImageReference ref = ImageReference.parse(registry.address() + "/a:1");
      client.push(ref, image.image(), ProgressListener.NONE);
      Outcomes again = new Outcomes();
      client.push(ref.withTag("2"), image.image(), again);
      assertThat(again.byDigest.values()).containsOnly(ProgressListener.Outcome.ALREADY_PRESENT);

      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      client.pull(ref, AMD64, sink, ProgressListener.NONE);
      Outcomes second = new Outcomes();
      client.pull(ref, AMD64, sink, second);
      assertThat(second.byDigest).hasSize(3);
      assertThat(second.byDigest.values()).containsOnly(ProgressListener.Outcome.ALREADY_PRESENT);
    }
  }

  @Test
  void chunkedUploadOfLargeBlobMatchesMonolithic() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 1, 300_000, 4, true);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options().withChunkSize(64 * 1024))) {
      ImageReference ref = ImageReference.parse(registry.address() + "/chunked:1");
      client.push(ref, image.image(), ProgressListener.NONE);
      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      client.pull(ref, AMD64, sink, ProgressListener.NONE);
      assertThat(sink.blob(image.layers().get(0).digest()))
          .hasSameBinaryContentAs(image.layers().get(0).file());
    }
  }

  @Test
  void indexPushThenPullPicksRequestedPlatform() throws Exception {
    RandomImage.Built amd = RandomImage.create(tmp.resolve("amd"), 1, 5_000, 5, true);
    RandomImage.Built arm = RandomImage.create(tmp.resolve("arm"), 1, 5_000, 6, true);
    ManifestBlob index = RandomImage.index(List.of(amd, arm), List.of("amd64", "arm64"));
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      ImageReference ref = ImageReference.parse(registry.address() + "/multi:1");
      client.pushIndex(ref, index, List.of(amd.image(), arm.image()), ProgressListener.NONE);

      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      PullResult r = client.pull(ref, Platform.parse("linux/arm64"), sink, ProgressListener.NONE);
      assertThat(r.index()).isEqualTo(index);
      assertThat(r.manifest()).isEqualTo(arm.manifest());
      assertThat(sink.has(amd.layers().get(0).digest())).isFalse();

      assertThatThrownBy(
              () -> client.pull(ref, Platform.parse("linux/s390x"), sink, ProgressListener.NONE))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("no image for platform linux/s390x")
          .hasMessageContaining("available: linux/amd64, linux/arm64");
    }
  }

  @Test
  void pullingUnknownTagNamesRegistryRepositoryAndTag() throws Exception {
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      ImageReference ref = ImageReference.parse(registry.address() + "/nothing/here:v9");
      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      assertThatThrownBy(() -> client.pull(ref, AMD64, sink, ProgressListener.NONE))
          .isInstanceOf(ManifestUnknownException.class)
          .hasMessageStartingWith(
              "pull manifest v9 from " + registry.address() + "/nothing/here: not found");
      assertThat(sink.accepted()).isEmpty();
    }
  }

  @Test
  void mountsBlobsFromAnotherRepositoryInsteadOfUploading() throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 2, 10_000, 7, true);
    try (RealRegistry registry = RealRegistry.plainHttp(tmp.resolve("reg"));
        RegistryClient client = RegistryClient.create(options())) {
      ImageReference source = ImageReference.parse(registry.address() + "/base/img:1");
      client.push(source, image.image(), ProgressListener.NONE);

      Outcomes outcomes = new Outcomes();
      ImageReference target = ImageReference.parse(registry.address() + "/derived/img:1");
      client.push(target, image.mountableFrom(source), outcomes);
      assertThat(outcomes.byDigest.values()).containsOnly(ProgressListener.Outcome.MOUNTED);
      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      assertThat(client.pull(target, AMD64, sink, ProgressListener.NONE).manifest())
          .isEqualTo(image.manifest());
    }
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (exit != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (" + exit + "):\n" + out);
    }
    return out;
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
