package dev.jbuild.registry;

import java.util.Optional;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/** {@code HEAD /v2/<name>/manifests/<tag|digest>}: the digest a tag points to, if any. */
final class ManifestChecker {
  private final Session session;

  ManifestChecker(Session session) {
    this.session = session;
  }

  Optional<String> digest(String repository, String identifier) {
    String step = "check manifest " + Sha256.shortForm(identifier) + " in";
    Request req =
        new Request.Builder()
            .url(session.url(repository + "/manifests/" + identifier))
            .header("Accept", ManifestPuller.ACCEPT)
            .head()
            .build();
    try (Response r = session.send(step, repository, Set.of(Session.pullScope(repository)), req)) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      String digest = r.header("Docker-Content-Digest");
      if (r.code() != 200 || digest == null) {
        throw new RegistryException(
            session.failure(step, repository)
                + RegistryErrors.describe(r)
                + (digest == null ? " (no Docker-Content-Digest header)" : ""));
      }
      return Optional.of(digest);
    }
  }
}
