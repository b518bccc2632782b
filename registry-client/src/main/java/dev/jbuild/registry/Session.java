package dev.jbuild.registry;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Everything about talking to one registry host: which scheme it speaks (found by pinging {@code
 * /v2/}), authorization, retries with backoff, and redirects (never carrying {@code Authorization}
 * to another host). Endpoint classes build requests and read answers; this class sends them.
 */
final class Session {
  private static final int MAX_REDIRECTS = 5;
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

  final String registry;
  private final HttpClients clients;
  private final Authorizer auth;
  private final RetryPolicy retry;
  private final boolean allowHttp;
  private final Sleeper sleeper;
  private volatile @Nullable HttpUrl base;

  /** Waits between attempts; tests may count instead of sleeping. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  Session(
      String registry,
      HttpClients clients,
      Authorizer auth,
      RetryPolicy retry,
      boolean allowHttp,
      Sleeper sleeper) {
    this.registry = registry;
    this.clients = clients;
    this.auth = auth;
    this.retry = retry;
    this.allowHttp = allowHttp;
    this.sleeper = sleeper;
  }

  RetryPolicy retry() {
    return retry;
  }

  void pause(Duration d, String step) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(step + ": interrupted");
    }
  }

  /** {@code /v2/<path>} on this registry, after finding out whether it speaks HTTPS. */
  HttpUrl url(String path) {
    HttpUrl b = base();
    return HttpUrl.get(b.toString() + path);
  }

  private HttpUrl base() {
    HttpUrl b = base;
    if (b == null) {
      synchronized (this) {
        b = base;
        if (b == null) {
          b = ping();
          base = b;
        }
      }
    }
    return b;
  }

  private HttpUrl ping() {
    HttpUrl https = HttpUrl.get("https://" + apiHost(registry) + "/v2/");
    HttpUrl http = HttpUrl.get("http://" + apiHost(registry) + "/v2/");
    // On loopback, traffic never leaves the machine: try plain HTTP first and skip a TLS
    // handshake that fails against the usual local test registry. Elsewhere, HTTPS first.
    if (allowHttp && Hosts.isLoopback(registry)) {
      try {
        if (pingIsRegistry(http)) {
          return http;
        }
      } catch (IOException e) {
        // not plain HTTP; fall through to HTTPS
      }
    }
    try {
      return pingAt(https);
    } catch (IOException e) {
      if (!allowHttp) {
        throw new RegistryException(
            "connect to "
                + registry
                + " over HTTPS: "
                + e.getMessage()
                + "; if it serves plain HTTP, mark it insecure (--tls-verify=false or"
                + " registries.conf `insecure = true`)",
            e);
      }
      try {
        return pingAt(http);
      } catch (IOException e2) {
        throw new RegistryException(
            "connect to " + registry + ": HTTPS: " + e.getMessage() + "; HTTP: " + e2.getMessage(),
            e2);
      }
    }
  }

  /** True when {@code url} answers like a registry (not an HTTPS server's 400 to plain HTTP). */
  private boolean pingIsRegistry(HttpUrl url) throws IOException {
    Request req = new Request.Builder().url(url).get().build();
    OkHttpClient pinger = clients.forUrl(url).newBuilder().readTimeout(PING_TIMEOUT).build();
    try (Response r = pinger.newCall(req).execute()) {
      boolean registry =
          r.header("Docker-Distribution-Api-Version") != null || r.code() == 200 || r.code() == 401;
      if (registry && r.code() == 401) {
        auth.challenge(Challenge.parse(r.header("WWW-Authenticate")));
      }
      return registry;
    }
  }

  private HttpUrl pingAt(HttpUrl url) throws IOException {
    Request req = new Request.Builder().url(url).get().build();
    // Short timeouts: a plain-HTTP server may sit silently on our TLS hello.
    OkHttpClient pinger = clients.forUrl(url).newBuilder().readTimeout(PING_TIMEOUT).build();
    try (Response r = pinger.newCall(req).execute()) {
      if (r.code() == 401) {
        auth.challenge(Challenge.parse(r.header("WWW-Authenticate")));
      }
      return url;
    }
  }

  /** Docker Hub's API is not served on docker.io itself. */
  static String apiHost(String registry) {
    return registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  static String pushScope(String repository) {
    return "repository:" + repository + ":pull,push";
  }

  /**
   * Sends {@code request}, retrying what may be transient and re-authorizing once on 401. Returns
   * the first non-retryable response, which the caller must close. Follows redirects for GET and
   * HEAD.
   */
  Response send(String step, String repository, Set<String> scopes, Request request) {
    return send(step, repository, scopes, request, true);
  }

  /**
   * Like {@link #send(String, String, Set, Request)}; when {@code replayable} is false (an upload
   * whose server-side state a failed attempt may have changed), a transient failure is thrown as
   * {@link TransientFailure} for the caller to restart from a safe point.
   */
  Response send(
      String step, String repository, Set<String> scopes, Request request, boolean replayable) {
    Set<String> wanted = new LinkedHashSet<>(scopes);
    boolean reauthorized = false;
    for (int attempt = 1; ; attempt++) {
      Response r;
      try {
        r = sendFollowingRedirects(request, wanted);
      } catch (IOException e) {
        if (!replayable) {
          throw new TransientFailure(failure(step, repository) + e.getMessage(), null, e);
        }
        if (attempt >= retry.maxAttempts()) {
          throw new RegistryException(
              failure(step, repository) + e.getMessage() + " (after " + attempt + " attempts)", e);
        }
        pause(retry.backoff(attempt), step);
        continue;
      }
      if (r.code() == 401 && !reauthorized) {
        Challenge c = Challenge.parse(r.header("WWW-Authenticate"));
        r.close();
        if (c != null) {
          String extra = c.param("scope");
          if (extra != null) {
            wanted.addAll(List.of(extra.split(" ")));
          }
        }
        auth.rejected(c, wanted);
        reauthorized = true;
        attempt--;
        continue;
      }
      if (r.code() == 401 || r.code() == 403) {
        String detail = RegistryErrors.describe(r);
        r.close();
        throw new RegistryAuthException(failure(step, repository) + detail + authHint());
      }
      if (RETRYABLE.contains(r.code()) && !replayable) {
        Duration wait = retryAfter(r, attempt);
        String detail = RegistryErrors.describe(r);
        r.close();
        throw new TransientFailure(failure(step, repository) + detail, wait, null);
      }
      if (RETRYABLE.contains(r.code()) && attempt < retry.maxAttempts()) {
        Duration wait = retryAfter(r, attempt);
        r.close();
        pause(wait, step);
        continue;
      }
      if (RETRYABLE.contains(r.code())) {
        String detail = RegistryErrors.describe(r);
        r.close();
        throw new RegistryException(
            failure(step, repository) + detail + " (after " + attempt + " attempts)");
      }
      return r;
    }
  }

  String failure(String step, String repository) {
    return RegistryException.where(step, registry, repository) + ": ";
  }

  private String authHint() {
    return auth.hasCredentials()
        ? "; check the credentials with `jbuild login " + registry + "`"
        : "; run `jbuild login " + registry + "` if the repository is private";
  }

  private Response sendFollowingRedirects(Request request, Set<String> scopes) throws IOException {
    HttpUrl origin = request.url();
    Request current = authorize(request, scopes);
    for (int hop = 0; ; hop++) {
      Response r = clients.forUrl(current.url()).newCall(current).execute();
      String location = r.header("Location");
      boolean redirect =
          r.code() == 301
              || r.code() == 302
              || r.code() == 303
              || r.code() == 307
              || r.code() == 308;
      String method = current.method();
      if (!redirect || location == null || !(method.equals("GET") || method.equals("HEAD"))) {
        return r;
      }
      HttpUrl next = current.url().resolve(location);
      r.close();
      if (next == null || hop >= MAX_REDIRECTS) {
        throw new IOException("too many or invalid redirects (last: " + location + ")");
      }
      Request.Builder b = current.newBuilder().url(next);
      // Presigned URLs (S3, GCS) carry their own authorization; ours must not leak there.
      if (!Hosts.sameOrigin(origin, next)) {
        b.removeHeader("Authorization");
      }
      current = b.build();
    }
  }

  private Request authorize(Request request, Set<String> scopes) {
    String header = auth.authorization(scopes);
    if (header == null) {
      return request;
    }
    Hosts.checkCredentialsAllowed(request.url(), registry);
    return request.newBuilder().header("Authorization", header).build();
  }

  private Duration retryAfter(Response r, int attempt) {
    String value = r.header("Retry-After");
    if (value != null) {
      try {
        return retry.retryAfter(Duration.ofSeconds(Long.parseLong(value.strip())));
      } catch (NumberFormatException e) {
        try {
          ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
          return retry.retryAfter(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException ignored) {
          // fall through to our own backoff
        }
      }
    }
    return retry.backoff(attempt);
  }
}
