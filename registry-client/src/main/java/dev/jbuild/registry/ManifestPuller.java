package dev.jbuild.registry;

import dev.jbuild.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** {@code GET /v2/<name>/manifests/<tag|digest>}, verified against the digest asked for. */
final class ManifestPuller {
  static final String ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_MANIFEST,
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_MANIFEST,
          MediaTypes.DOCKER_MANIFEST_LIST);
  private static final int MAX_MANIFEST = 4 << 20;

  private final Session session;

  ManifestPuller(Session session) {
    this.session = session;
  }

  ManifestBlob pull(String repository, String identifier) {
    String step = "pull manifest " + Sha256.shortForm(identifier) + " from";
    Request req =
        new Request.Builder()
            .url(session.url(repository + "/manifests/" + identifier))
            .header("Accept", ACCEPT)
            .get()
            .build();
    try (Response r = session.send(step, repository, Set.of(Session.pullScope(repository)), req)) {
      if (r.code() == 404) {
        throw new ManifestUnknownException(
            session.failure(step, repository)
                + "not found ("
                + RegistryErrors.describe(r)
                + "); check the tag or digest");
      }
      if (r.code() != 200) {
        throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
      }
      byte[] bytes = read(r, session.failure(step, repository));
      String digest = Sha256.digest(bytes);
      String expected = identifier.contains(":") ? identifier : r.header("Docker-Content-Digest");
      if (expected != null && expected.startsWith("sha256:") && !expected.equals(digest)) {
        throw new BlobVerificationException(
            session.failure(step, repository)
                + "content has digest "
                + digest
                + " but "
                + expected
                + " was expected; nothing was stored");
      }
      return new ManifestBlob(mediaType(r, bytes), digest, bytes);
    }
  }

  private static byte[] read(Response r, String where) {
    try (InputStream in = r.body().byteStream()) {
      byte[] bytes = in.readNBytes(MAX_MANIFEST + 1);
      if (bytes.length > MAX_MANIFEST) {
        throw new RegistryException(where + "manifest larger than " + MAX_MANIFEST + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new RegistryException(where + e.getMessage(), e);
    }
  }

  private static String mediaType(Response r, byte[] bytes) {
    @Nullable MediaType ct = r.body().contentType();
    String header = ct == null ? "" : ct.type() + "/" + ct.subtype();
    if (!header.isEmpty() && !header.equals("application/json")) {
      return header;
    }
    String declared = ManifestJson.mediaType(bytes);
    return declared.isEmpty() ? MediaTypes.OCI_MANIFEST : declared;
  }
}
