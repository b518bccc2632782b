package dev.jbuild.registry;

import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Uploads a blob into a started session: monolithic ({@code PUT <location>?digest=} with the whole
 * body) or chunked ({@code PATCH} with {@code Content-Range}, following each new {@code Location},
 * asking the session's {@code Range} after a 416 or a broken chunk, then an empty {@code PUT}).
 */
final class BlobUploader {
  private final Session session;

  BlobUploader(Session session) {
    this.session = session;
  }

  void monolithic(String repository, HttpUrl location, BlobSource blob, ProgressListener progress) {
    String step = "upload blob " + Sha256.shortForm(blob.digest()) + " to";
    RequestBody body = new SourceBody(blob, 0, blob.size(), progress);
    finish(repository, location, blob, body, step);
  }

  void chunked(
      String repository,
      HttpUrl location,
      BlobSource blob,
      long chunkSize,
      ProgressListener progress) {
    String step = "upload blob " + Sha256.shortForm(blob.digest()) + " to";
    Set<String> scopes = Set.of(Session.pushScope(repository));
    HttpUrl at = location;
    long offset = 0;
    int failures = 0;
    while (offset < blob.size()) {
      long length = Math.min(chunkSize, blob.size() - offset);
      Request req =
          new Request.Builder()
              .url(at)
              .patch(new SourceBody(blob, offset, length, progress))
              .header("Content-Range", offset + "-" + (offset + length - 1))
              .build();
      try (Response r = session.send(step, repository, scopes, req, false)) {
        if (r.code() == 202) {
          at = next(r, at);
          offset = committed(r, offset + length);
          continue;
        }
        if (r.code() != 416) {
          throw new RegistryException(
              session.failure(step, repository) + RegistryErrors.describe(r));
        }
        failures =
            countFailure(
                failures,
                new TransientFailure(
                    session.failure(step, repository) + "HTTP 416 (range not satisfiable)",
                    java.time.Duration.ZERO,
                    null),
                step);
      } catch (TransientFailure e) {
        failures = countFailure(failures, e, step);
      }
      // 416 or a broken chunk: ask the registry how much it has, continue from there.
      Status s = status(repository, at, step, scopes);
      at = s.location();
      offset = s.offset();
    }
    finish(repository, at, blob, RequestBody.create(new byte[0]), step);
  }

  private int countFailure(int failures, TransientFailure e, String step) {
    int n = failures + 1;
    if (n >= session.retry().maxAttempts()) {
      throw new RegistryException(e.getMessage() + " (after " + n + " attempts)", e);
    }
    java.time.Duration wait = e.retryAfter();
    session.pause(wait != null ? wait : session.retry().backoff(n), step);
    return n;
  }

  private record Status(HttpUrl location, long offset) {}

  private Status status(String repository, HttpUrl at, String step, Set<String> scopes) {
    Request req = new Request.Builder().url(at).get().build();
    try (Response r = session.send(step, repository, scopes, req)) {
      if (r.code() != 204) {
        throw new RegistryException(
            session.failure(step, repository)
                + "upload session lost ("
                + RegistryErrors.describe(r)
                + ")");
      }
      return new Status(next(r, at), committed(r, 0));
    }
  }

  private void finish(
      String repository, HttpUrl location, BlobSource blob, RequestBody body, String step) {
    HttpUrl url = location.newBuilder().addQueryParameter("digest", blob.digest()).build();
    Request req = new Request.Builder().url(url).put(body).build();
    try (Response r =
        session.send(step, repository, Set.of(Session.pushScope(repository)), req, false)) {
      if (r.code() != 201) {
        throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
      }
    }
  }

  private static HttpUrl next(Response r, HttpUrl current) {
    String location = r.header("Location");
    HttpUrl resolved = location == null ? null : r.request().url().resolve(location);
    return resolved == null ? current : resolved;
  }

  // Range: 0-<last byte received>; absent means nothing received yet.
  private static long committed(Response r, long fallback) {
    @Nullable String range = r.header("Range");
    if (range == null) {
      return fallback;
    }
    String v = range.startsWith("bytes=") ? range.substring(6) : range;
    int dash = v.indexOf('-');
    // distribution answers "0-0" both for an empty session and for one byte; chunks are never
    // a single byte, so read it as empty.
    if (v.strip().equals("0-0")) {
      return 0;
    }
    try {
      return dash < 0 ? fallback : Long.parseLong(v.substring(dash + 1).strip()) + 1;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
