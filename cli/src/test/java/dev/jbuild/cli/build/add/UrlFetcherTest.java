package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlFetcherTest {
  private static final byte[] BODY = "downloaded bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final Instant FALLBACK = Instant.ofEpochSecond(1_700_000_000L);

  @TempDir Path tmp;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
    server.serve("/files/tool", BODY, Map.of());
    server.serve("/dated", BODY, Map.of("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void downloadIsMode0600WithTheBodyAndFallbackTime() throws Exception {
    Path f = new UrlFetcher().fetch(server.uri("/files/tool"), tmp, "tool", null, FALLBACK);
    assertThat(f).isEqualTo(tmp.resolve("tool"));
    assertThat(Files.readAllBytes(f)).isEqualTo(BODY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(FALLBACK);
  }

  @Test
  void lastModifiedHeaderBecomesTheFileTime() throws Exception {
    Path f = new UrlFetcher().fetch(server.uri("/dated"), tmp, "dated", null, FALLBACK);
    assertThat(Files.getLastModifiedTime(f).toInstant())
        .isEqualTo(Instant.parse("2015-10-21T07:28:00Z"));
  }

  @Test
  void matchingChecksumIsAccepted() throws Exception {
    Digest expected = Digests.sha256(BODY);
    Path f = new UrlFetcher().fetch(server.uri("/files/tool"), tmp, "tool", expected, FALLBACK);
    assertThat(Files.readAllBytes(f)).isEqualTo(BODY);
  }

  @Test
  void checksumMismatchNamesTheUrlAndLeavesNothing() throws Exception {
    Digest wrong = Digests.sha256("other".getBytes(StandardCharsets.UTF_8));
    URI uri = server.uri("/files/tool");
    assertThatThrownBy(() -> new UrlFetcher().fetch(uri, tmp, "tool", wrong, FALLBACK))
        .isInstanceOf(StepFailure.class)
        .hasMessage(
            "ADD "
                + uri
                + ": checksum mismatch: expected "
                + wrong
                + " but the download is "
                + Digests.sha256(BODY));
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void notFoundIsAOneLineErrorWithTheStatus() {
    URI uri = server.uri("/missing");
    assertThatThrownBy(() -> new UrlFetcher().fetch(uri, tmp, "missing", null, FALLBACK))
        .isInstanceOf(StepFailure.class)
        .hasMessage("ADD " + uri + ": the server answered HTTP 404");
    assertThat(tmp.resolve("missing")).doesNotExist();
  }

  @Test
  void unreachableServerIsAOneLineError() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/f");
    assertThatThrownBy(() -> new UrlFetcher().fetch(uri, tmp, "f", null, FALLBACK))
        .isInstanceOf(StepFailure.class)
        .hasMessageStartingWith("ADD " + uri + ": cannot download: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() {
    URI uri = URI.create(server.uri("/missing").toString().replace("http://", "http://me:s3cret@"));
    assertThatThrownBy(() -> new UrlFetcher().fetch(uri, tmp, "missing", null, FALLBACK))
        .isInstanceOf(StepFailure.class)
        .hasMessageContaining("me:xxxxx@")
        .hasMessageNotContaining("s3cret");
    assertThat(server.authorizations).containsExactly("Basic bWU6czNjcmV0");
  }

  @ParameterizedTest
  @CsvSource({
    "http://h/a/b/tool.tar.gz, tool.tar.gz",
    "http://h/a/b/tool?version=2, tool",
    "http://h/, __unnamed__",
    "http://h, __unnamed__",
    "http://h/dir/, dir",
    "http://h/.., __unnamed__",
    "http://h/with%20space, with space",
  })
  void fileNameIsTheLastPathSegment(String url, String name) {
    assertThat(UrlFetcher.fileName(URI.create(url))).isEqualTo(name);
  }
}
