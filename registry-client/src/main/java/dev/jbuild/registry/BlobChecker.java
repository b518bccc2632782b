package dev.jbuild.registry;

import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/** {@code HEAD /v2/<name>/blobs/<digest>}: does the repository have this blob? */
final class BlobChecker {
  private final Session session;

  BlobChecker(Session session) {
    this.session = session;
  }

  boolean exists(String repository, String digest, Set<String> scopes) {
    String step = "check blob " + Sha256.shortForm(digest) + " in";
    Request req =
        new Request.Builder().url(session.url(repository + "/blobs/" + digest)).head().build();
    try (Response r = session.send(step, repository, scopes, req)) {
      if (r.code() == 200) {
        return true;
      }
      if (r.code() == 404) {
        return false;
      }
      throw new RegistryException(session.failure(step, repository) + RegistryErrors.describe(r));
    }
  }
}
