package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String D =
      "sha256:4b0c1e2f3a4b5c6d7e8f90112233445566778899aabbccddeeff001122334455";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "busybox | docker.io | library/busybox | latest | -",
        "busybox:1.36 | docker.io | library/busybox | 1.36 | -",
        "library/busybox | docker.io | library/busybox | latest | -",
        "docker.io/busybox | docker.io | library/busybox | latest | -",
        "index.docker.io/busybox | docker.io | library/busybox | latest | -",
        "user/app | docker.io | user/app | latest | -",
        "localhost/app | localhost | app | latest | -",
        "localhost:5000/app:v1 | localhost:5000 | app | v1 | -",
        "127.0.0.1:5000/a/b/c | 127.0.0.1:5000 | a/b/c | latest | -",
        "[::1]:5000/app | [::1]:5000 | app | latest | -",
        "quay.io/org/app:2.0-rc_1 | quay.io | org/app | 2.0-rc_1 | -",
        "Registry/app | Registry | app | latest | -",
        "my-registry:8080/ns/a.b__c-d | my-registry:8080 | ns/a.b__c-d | latest | -",
        "busybox@" + D + " | docker.io | library/busybox | - | " + D,
        "busybox:1.36@" + D + " | docker.io | library/busybox | 1.36 | " + D,
        "ghcr.io/o/r@" + D + " | ghcr.io | o/r | - | " + D,
      })
  void parsesLikeDocker(
      String text, String registry, String repository, String tag, String digest) {
    ImageReference ref = ImageReference.parse(text);
    assertThat(ref).isEqualTo(new ImageReference(registry, repository, tag, digest));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "busybox | docker.io/library/busybox:latest",
        "localhost:5000/app:v1 | localhost:5000/app:v1",
        "busybox:1@" + D + " | docker.io/library/busybox:1@" + D,
      })
  void printsFullyQualified(String text, String expected) {
    assertThat(ImageReference.parse(text).toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | empty reference",
        "Busybox | repository name must be lowercase",
        "docker.io/Library/busybox | repository name must be lowercase (try \"docker.io/library/busybox\")",
        "busybox:tag with space | must match",
        "busybox:-bad | must match",
        "busybox@sha256:abc | must look like sha256",
        "busybox@sha256:4B0C1E2F3A4B5C6D7E8F90112233445566778899AABBCCDDEEFF001122334455 | exactly 64 lowercase",
        "a//b | path component \"\"",
        "app/-x | path component \"-x\"",
        "host:5000/ | missing repository name",
        "4b0c1e2f3a4b5c6d7e8f90112233445566778899aabbccddeeff001122334455 | image ID, not a name",
        ":tag | missing repository name",
        "bad_host.com:x/app | invalid registry host",
      })
  void rejectsInvalidWithReason(String text, String reason) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageStartingWith("invalid image reference \"" + text + "\": ")
        .hasMessageContaining(reason);
  }

  @org.junit.jupiter.api.Test
  void digestWinsOverTagAsIdentifier() {
    assertThat(ImageReference.parse("busybox:1@" + D).identifier()).isEqualTo(D);
    assertThat(ImageReference.parse("busybox").identifier()).isEqualTo("latest");
    assertThat(ImageReference.parse("busybox").withDigest(D).toString())
        .isEqualTo("docker.io/library/busybox@" + D);
  }
}
