package dev.jbuild.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
  private static final Digest D1 =
      Digest.parse("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");

  @Test
  void configSerializesLikeBuildkitWithSortedMapsAndOmittedEmpties() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("z", "1");
    labels.put("a", "<&>");
    ContainerConfig cc =
        ContainerConfig.EMPTY
            .withEnv(List.of("PATH=/usr/bin"))
            .withExposedPorts(Set.of("8080/tcp", "53/udp"))
            .withCmd(List.of("sh"))
            .withLabels(labels)
            .withWorkingDir("")
            .withArgsEscaped(false);
    ImageConfig config =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withCreated(Instant.parse("2024-01-02T03:04:05.120Z"))
            .withConfig(cc)
            .withLayer(D1, History.of(Instant.EPOCH, "COPY a /a # buildkit", false))
            .withHistory(History.of(Instant.EPOCH, "CMD [\"sh\"]", true));

    assertThat(new String(config.toJson(), UTF_8))
        .isEqualTo(
            "{\"created\":\"2024-01-02T03:04:05.12Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"ExposedPorts\":{\"53/udp\":{},\"8080/tcp\":{}},"
                + "\"Env\":[\"PATH=/usr/bin\"],\"Cmd\":[\"sh\"],"
                + "\"Labels\":{\"a\":\"\\u003c\\u0026\\u003e\",\"z\":\"1\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + D1
                + "\"]},"
                + "\"history\":[{\"created\":\"1970-01-01T00:00:00Z\","
                + "\"created_by\":\"COPY a /a # buildkit\"},"
                + "{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"CMD [\\\"sh\\\"]\","
                + "\"empty_layer\":true}]}");
  }

  @Test
  void dockerWrittenConfigRoundTripsItsFields() {
    String docker =
        "{\"architecture\":\"arm\",\"variant\":\"v7\",\"os\":\"linux\",\"author\":\"me\","
            + "\"container\":\"abc\",\"docker_version\":\"20.10\","
            + "\"created\":\"2023-05-01T10:00:00.123456789+02:00\","
            + "\"config\":{\"Hostname\":\"\",\"User\":\"1000:1000\",\"Env\":null,"
            + "\"Volumes\":{\"/data\":{}},\"Entrypoint\":[\"/bin/app\"],\"OnBuild\":null,"
            + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,"
            + "\"Retries\":3},\"StopSignal\":\"SIGTERM\",\"Shell\":[\"/bin/bash\",\"-c\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + D1
            + "\"]},\"history\":[{\"created_by\":\"x\",\"empty_layer\":false}]}";
    ImageConfig c = ImageJson.readConfig(docker.getBytes(UTF_8));

    assertThat(c.platform().toString()).isEqualTo("linux/arm/v7");
    assertThat(c.created()).isEqualTo(Instant.parse("2023-05-01T08:00:00.123456789Z"));
    assertThat(c.config().user()).isEqualTo("1000:1000");
    assertThat(c.config().volumes()).containsExactly("/data");
    assertThat(c.config().healthcheck().intervalNanos()).isEqualTo(30_000_000_000L);
    assertThat(c.rootfs().diffIds()).containsExactly(D1);
    assertThat(c.history().get(0).isEmptyLayer()).isFalse();
    assertThat(new String(c.toJson(), UTF_8))
        .contains("\"created\":\"2023-05-01T08:00:00.123456789Z\",\"author\":\"me\"")
        .contains(
            "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,"
                + "\"Retries\":3}")
        .doesNotContain("Hostname")
        .doesNotContain("empty_layer");
    assertThat(ImageJson.readConfig(c.toJson())).isEqualTo(c);
  }

  @Test
  void manifestSerializesInSpecOrderAndParsesBack() {
    ImageManifest m =
        ImageManifest.of(
                MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, D1, 12),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, D1, 34)))
            .withAnnotations(Map.of("b", "2", "a", "1"));
    String json = new String(m.toJson(), UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + D1
                + "\",\"size\":12},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + D1
                + "\",\"size\":34}],\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}");
    assertThat(ImageJson.readManifestDocument(m.toJson())).isEqualTo(m);
  }

  @Test
  void manifestDocumentWithoutMediaTypeIsDetectedByShape() {
    ImageIndex index =
        new ImageIndex(
            2,
            null,
            null,
            List.of(
                Descriptor.of(MediaTypes.OCI_MANIFEST, D1, 5)
                    .withPlatform(Platform.parse("linux/arm64/v8"))),
            null,
            null);

    ManifestDocument parsed = ImageJson.readManifestDocument(index.toJson());

    assertThat(parsed).isEqualTo(index);
    assertThat(new String(index.toJson(), UTF_8))
        .contains("\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}");
  }

  @Test
  void invalidJsonGivesOneLineTypedError() {
    assertThatThrownBy(() -> ImageJson.readManifest("{\"layers\":".getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageStartingWith("image manifest: invalid JSON")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () -> ImageJson.readManifestDocument("{\"mediaType\":\"text/plain\"}".getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("unsupported media type \"text/plain\"");
  }

  @Test
  void badDigestInsideManifestIsReportedAsFormatError() {
    String json =
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:abc\","
            + "\"size\":1},\"layers\":[]}";

    assertThatThrownBy(() -> ImageJson.readManifest(json.getBytes(UTF_8)))
        .isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("sha256:abc");
  }

  @Test
  void sameValueGivesSameBytesAndDigest() {
    ImageConfig a =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withConfig(ContainerConfig.EMPTY.withLabels(Map.of("x", "1", "y", "2", "a", "3")));
    ImageConfig b =
        ImageConfig.scratch(Platform.parse("linux/amd64"))
            .withConfig(ContainerConfig.EMPTY.withLabels(Map.of("a", "3", "y", "2", "x", "1")));

    assertThat(Digests.sha256(a.toJson())).isEqualTo(Digests.sha256(b.toJson()));
  }
}
