package dev.jbuild.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  private static final String FOO_HEX =
      "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

  @Test
  void sha256OfBytesMatchesKnownVector() {
    assertThat(Digests.sha256("foo".getBytes(UTF_8)).toString()).isEqualTo("sha256:" + FOO_HEX);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256",
        "sha256:",
        "sha256:abc",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE",
        "sha256:../../../../etc/passwd/68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886"
      })
  void malformedDigestsAreRejected(String text) {
    assertThat(Digest.isDigest(text)).isFalse();
    assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(ImageFormatException.class);
  }

  @Test
  void digestingStreamsHashAndCount() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    DigestingOutputStream out = Digests.digesting(sink);
    out.write("fo".getBytes(UTF_8));
    out.write('o');
    assertThat(out.size()).isEqualTo(3);
    assertThat(out.digest().hex()).isEqualTo(FOO_HEX);

    DigestingInputStream in = Digests.digesting(new ByteArrayInputStream(sink.toByteArray()));
    assertThat(in.readAllBytes()).hasSize(3);
    assertThat(in.digest().hex()).isEqualTo(FOO_HEX);
  }

  @Test
  void verifyingStreamAcceptsMatchingContent() throws IOException {
    try (InputStream in =
        Digests.verifying(
            new ByteArrayInputStream("foo".getBytes(UTF_8)), Digest.sha256(FOO_HEX), 3)) {
      assertThat(in.readAllBytes()).hasSize(3);
    }
  }

  @Test
  void verifyingStreamRejectsWrongContentAtEof() {
    InputStream in =
        Digests.verifying(
            new ByteArrayInputStream("fox".getBytes(UTF_8)), Digest.sha256(FOO_HEX), 3);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("expected sha256:" + FOO_HEX);
  }

  @Test
  void verifyingStreamCatchesTruncationEvenWhenClosedEarly() throws IOException {
    InputStream in =
        Digests.verifying(
            new ByteArrayInputStream("fo".getBytes(UTF_8)), Digest.sha256(FOO_HEX), 3);
    in.read();

    assertThatThrownBy(in::close)
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("has 2 bytes, expected 3");
  }

  @Test
  void verifyingStreamRejectsContentLongerThanDeclared() {
    InputStream in =
        Digests.verifying(
            new ByteArrayInputStream("foooo".getBytes(UTF_8)), Digest.sha256(FOO_HEX), 3);

    assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void platformParsesOsArchVariantAndRejectsGarbage() {
    assertThat(Platform.parse("linux/arm/v7")).isEqualTo(Platform.of("linux", "arm", "v7"));
    assertThatThrownBy(() -> Platform.parse("linux"))
        .isInstanceOf(ImageFormatException.class)
        .hasMessage("invalid platform \"linux\": expected os/arch[/variant], e.g. linux/amd64");
  }
}
