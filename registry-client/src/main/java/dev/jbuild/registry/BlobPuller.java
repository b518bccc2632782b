package dev.jbuild.registry;

import dev.jbuild.image.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v2/<name>/blobs/<digest>} into a temp file, resuming a broken transfer with {@code
 * Range} when the server honours it, and returning the file only once digest and size match.
 */
final class BlobPuller {
  // Big reads: okio hands out 8 KiB segments; filling 256 KiB per write saves syscalls.
  private static final int BUFFER = 1 << 18;
  private static final long PROGRESS_STEP = 1 << 20;

  private final Session session;

  BlobPuller(Session session) {
    this.session = session;
  }

  /** Downloads into {@code dir}; the caller owns (and deletes) the returned verified file. */
  Path pull(String repository, String digest, long size, Path dir, ProgressListener progress)
      throws IOException {
    if (!digest.startsWith("sha256:")) {
      throw new RegistryException("pull blob " + digest + ": only sha256 digests are supported");
    }
    String step = "pull blob " + Sha256.shortForm(digest) + " from";
    Path tmp = Files.createTempFile(dir, "jbuild-pull-", ".partial");
    boolean ok = false;
    try {
      Transfer t = new Transfer(tmp, size);
      progress.started(digest, size);
      for (int failures = 0; ; ) {
        try {
          fetch(repository, digest, step, t, progress);
          break;
        } catch (IOException e) {
          failures++;
          if (failures >= session.retry().maxAttempts()) {
            throw new RegistryException(
                session.failure(step, repository)
                    + e.getMessage()
                    + " (after "
                    + failures
                    + " attempts, "
                    + t.have
                    + " of "
                    + size
                    + " bytes)",
                e);
          }
          session.pause(session.retry().backoff(failures), step);
        }
      }
      String actual = t.md.digest().toString();
      if (t.have != size || !actual.equals(digest)) {
        throw new BlobVerificationException(
            session.failure(step, repository)
                + "content does not match: expected "
                + digest
                + " ("
                + size
                + " bytes), got "
                + actual
                + " ("
                + t.have
                + " bytes); nothing was stored");
      }
      ok = true;
      return tmp;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Bytes received so far and their running hash. */
  private static final class Transfer {
    final Path file;
    final long size;
    final WriteBehind writeBehind;
    Digests.Hasher md = Digests.hasher();
    long have;

    Transfer(Path file, long size) {
      this.file = file;
      this.size = size;
      this.writeBehind = new WriteBehind(file);
    }

    void restart() throws IOException {
      md = Digests.hasher();
      have = 0;
      writeBehind.restart();
      Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
    }
  }

  private void fetch(
      String repository, String digest, String step, Transfer t, ProgressListener progress)
      throws IOException {
    Request.Builder b = new Request.Builder().url(session.url(repository + "/blobs/" + digest));
    if (t.have > 0) {
      b.header("Range", "bytes=" + t.have + "-");
    }
    Set<String> scopes = Set.of(Session.pullScope(repository));
    try (Response r = session.send(step, repository, scopes, b.build())) {
      if (r.code() == 206 && t.have > 0 && rangeStart(r.header("Content-Range")) == t.have) {
        // resume: keep what we have
      } else if (r.code() == 200 || r.code() == 206 && t.have == 0) {
        if (t.have > 0) {
          t.restart();
        }
      } else if (r.code() == 416 && t.have == t.size) {
        return; // we already have everything
      } else if (r.code() == 404) {
        throw new RegistryException(
            session.failure(step, repository) + "blob unknown to registry (HTTP 404)");
      } else {
        throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
      }
      copy(r.body().byteStream(), t, digest, progress, step, repository);
    }
  }

  private void copy(
      InputStream in,
      Transfer t,
      String digest,
      ProgressListener progress,
      String step,
      String repository)
      throws IOException {
    byte[] buf = new byte[BUFFER];
    long lastReport = t.have;
    try (OutputStream out = Files.newOutputStream(t.file, StandardOpenOption.APPEND)) {
      for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
        if (t.have + n > t.size) {
          throw new BlobVerificationException(
              session.failure(step, repository)
                  + "registry sent more than the expected "
                  + t.size
                  + " bytes; nothing was stored");
        }
        out.write(buf, 0, n);
        t.md.update(buf, 0, n);
        t.have += n;
        t.writeBehind.wrote(t.have);
        if (t.have - lastReport >= PROGRESS_STEP) {
          progress.transferred(digest, t.have, t.size);
          lastReport = t.have;
        }
      }
    }
    progress.transferred(digest, t.have, t.size);
    if (t.have < t.size) {
      throw new IOException("connection closed after " + t.have + " of " + t.size + " bytes");
    }
  }

  private static long rangeStart(@Nullable String contentRange) {
    if (contentRange == null) {
      return -1;
    }
    String v = contentRange.strip();
    if (v.startsWith("bytes ")) {
      v = v.substring(6);
    }
    int dash = v.indexOf('-');
    try {
      return dash < 0 ? -1 : Long.parseLong(v.substring(0, dash).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
