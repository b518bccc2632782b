package dev.jbuild.registry;

import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@code PUT /v2/<name>/manifests/<tag|digest>} with the manifest's own Content-Type. */
final class ManifestPusher {
  private final Session session;

  ManifestPusher(Session session) {
    this.session = session;
  }

  void push(String repository, String reference, ManifestBlob manifest) {
    String step = "push manifest " + Sha256.shortForm(reference) + " to";
    RequestBody body = RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType()));
    Request req =
        new Request.Builder()
            .url(session.url(repository + "/manifests/" + reference))
            .put(body)
            .build();
    try (Response r = session.send(step, repository, Set.of(Session.pushScope(repository)), req)) {
      if (r.code() != 201 && r.code() != 200) {
        throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
      }
      String echoed = r.header("Docker-Content-Digest");
      if (echoed != null && !echoed.equals(manifest.digest())) {
        throw new RegistryException(
            session.failure(step, repository)
                + "registry stored digest "
                + echoed
                + " instead of "
                + manifest.digest());
      }
    }
  }
}
