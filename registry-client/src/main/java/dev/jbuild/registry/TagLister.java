package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** {@code GET /v2/<name>/tags/list}, following {@code Link: <...>; rel="next"} pages. */
final class TagLister {
  private static final int MAX_PAGES = 1000;

  private final Session session;

  TagLister(Session session) {
    this.session = session;
  }

  List<String> list(String repository) {
    String step = "list tags of";
    List<String> tags = new ArrayList<>();
    @Nullable HttpUrl url = session.url(repository + "/tags/list");
    for (int page = 0; url != null && page < MAX_PAGES; page++) {
      Request req = new Request.Builder().url(url).get().build();
      try (Response r =
          session.send(step, repository, Set.of(Session.pullScope(repository)), req)) {
        if (r.code() == 404) {
          throw new ManifestUnknownException(
              session.failure(step, repository) + "repository not found");
        }
        if (r.code() != 200) {
          throw new RegistryException(
              session.failure(step, repository) + RegistryErrors.describe(r));
        }
        JsonNode node = JsonMapper.get().readTree(r.body().string());
        node.path("tags").forEach(t -> tags.add(t.asText()));
        url = nextPage(r);
      } catch (IOException e) {
        throw new RegistryException(session.failure(step, repository) + e.getMessage(), e);
      }
    }
    return tags;
  }

  private static @Nullable HttpUrl nextPage(Response r) {
    String link = r.header("Link");
    if (link == null || !link.contains("rel=\"next\"")) {
      return null;
    }
    int lt = link.indexOf('<');
    int gt = link.indexOf('>');
    return lt < 0 || gt < lt ? null : r.request().url().resolve(link.substring(lt + 1, gt));
  }
}
