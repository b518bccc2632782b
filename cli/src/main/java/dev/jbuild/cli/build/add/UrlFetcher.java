package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestingInputStream;
import dev.jbuild.image.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Downloads one {@code ADD http(s)://…} source with the JDK's HttpClient (no extra dependency in
 * the cli, redirects followed except https→http). The file gets mode 0600 and the server's {@code
 * Last-Modified} time (else {@code fallbackTime}), as BuildKit does; a {@code --checksum} is
 * verified before the file is used. Errors name the URL without its password.
 */
final class UrlFetcher {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient client;

  UrlFetcher() {
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** The file name BuildKit gives a download: the URL path's last segment (Go's path.Base). */
  static String fileName(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    String base = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    return base.isEmpty() || base.equals(".") || base.equals("..") ? "__unnamed__" : base;
  }

  /** Downloads {@code uri} to {@code dir/name}; the file is there only if everything checked. */
  Path fetch(URI uri, Path dir, String name, @Nullable Digest checksum, Instant fallbackTime)
      throws IOException {
    String shown = SourceKind.redact(uri.toString());
    HttpResponse<InputStream> response = send(uri, shown);
    Path partial = dir.resolve(".partial-" + name);
    Digest got;
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new StepFailure(
            "ADD " + shown + ": the server answered HTTP " + response.statusCode());
      }
      DigestingInputStream in = Digests.digesting(body);
      try (OutputStream out =
          Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(out);
      } catch (IOException e) {
        Files.deleteIfExists(partial);
        throw new StepFailure("ADD " + shown + ": download failed: " + e.getMessage(), e);
      }
      got = in.digest();
    }
    if (checksum != null && !checksum.equals(got)) {
      Files.deleteIfExists(partial);
      throw new StepFailure(
          "ADD "
              + shown
              + ": checksum mismatch: expected "
              + checksum
              + " but the download is "
              + got);
    }
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    Instant mtime = lastModified(response).orElse(fallbackTime);
    Files.setLastModifiedTime(partial, FileTime.from(mtime));
    return Files.move(partial, dir.resolve(name));
  }

  private HttpResponse<InputStream> send(URI uri, String shown) throws IOException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(withoutUserInfo(uri)).GET().header("User-Agent", "jbuild");
    if (uri.getRawUserInfo() != null) {
      String basic =
          Base64.getEncoder().encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
      req.header("Authorization", "Basic " + basic);
    }
    try {
      return client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted downloading " + shown);
    } catch (IOException e) {
      throw new StepFailure("ADD " + shown + ": cannot download: " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static Optional<Instant> lastModified(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Last-Modified");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(header.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty(); // a malformed date is ignored, as Go's http.ParseTime failure is
    }
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String s = uri.toString();
    int at = s.indexOf('@', s.indexOf("://") + 3);
    return URI.create(s.substring(0, s.indexOf("://") + 3) + s.substring(at + 1));
  }
}
