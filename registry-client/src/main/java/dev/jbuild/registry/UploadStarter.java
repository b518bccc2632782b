package dev.jbuild.registry;

import java.util.LinkedHashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v2/<name>/blobs/uploads/}, optionally with {@code ?mount=<digest>&from=<repo>}:
 * either the blob is mounted from another repository at once, or an upload session starts.
 */
final class UploadStarter {
  /** What the registry did with the request. */
  sealed interface Started permits Mounted, UploadAt {}

  /** The blob now exists in the target repository; nothing to upload. */
  record Mounted() implements Started {}

  /** Upload here (the registry's absolute or resolved-relative {@code Location}). */
  record UploadAt(HttpUrl location) implements Started {}

  private final Session session;

  UploadStarter(Session session) {
    this.session = session;
  }

  static Set<String> scopes(String repository, @Nullable String mountFrom) {
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add(Session.pushScope(repository));
    if (mountFrom != null) {
      scopes.add(Session.pullScope(mountFrom));
    }
    return scopes;
  }

  Started start(String repository, String digest, @Nullable String mountFrom) {
    HttpUrl.Builder url = session.url(repository + "/blobs/uploads/").newBuilder();
    if (mountFrom != null) {
      url.addQueryParameter("mount", digest).addQueryParameter("from", mountFrom);
    }
    String step =
        mountFrom == null
            ? "start upload of " + Sha256.shortForm(digest) + " to"
            : "mount " + Sha256.shortForm(digest) + " from " + mountFrom + " into";
    Request req =
        new Request.Builder().url(url.build()).post(RequestBody.create(new byte[0])).build();
    try (Response r = session.send(step, repository, scopes(repository, mountFrom), req, false)) {
      if (r.code() == 201 && mountFrom != null) {
        return new Mounted();
      }
      String location = r.header("Location");
      if (r.code() == 202 && location != null) {
        HttpUrl resolved = r.request().url().resolve(location);
        if (resolved != null) {
          return new UploadAt(resolved);
        }
      }
      throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
    }
  }
}
