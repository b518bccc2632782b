package dev.jbuild.registry;

import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/** {@code GET /v2/} with credentials: does the registry accept them? */
final class LoginCheck {
  private final Session session;

  LoginCheck(Session session) {
    this.session = session;
  }

  void check() {
    Request req = new Request.Builder().url(session.url("")).get().build();
    try (Response r = session.send("log in to", "", Set.of(), req)) {
      if (r.code() != 200) {
        throw new RegistryException(session.failure("log in to", "") + RegistryErrors.describe(r));
      }
    }
  }
}
