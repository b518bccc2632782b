package dev.jbuild.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header for one registry: none, basic, or a bearer token fetched from
 * the challenge's realm for a set of repository scopes, reused until shortly before it expires.
 */
final class Authorizer {
  private static final long EXPIRY_MARGIN_SECONDS = 10;
  private static final long DEFAULT_TOKEN_SECONDS = 60;

  private final String registry;
  private final @Nullable Credentials credentials;
  private final HttpClients http;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile @Nullable Challenge challenge;

  private record Token(String value, Instant expires) {}

  Authorizer(String registry, @Nullable Credentials credentials, HttpClients http, Clock clock) {
    this.registry = registry;
    this.credentials = credentials;
    this.http = http;
    this.clock = clock;
  }

  void challenge(@Nullable Challenge c) {
    this.challenge = c;
  }

  boolean hasCredentials() {
    return credentials != null;
  }

  /** The header value for a request needing {@code scopes}, or null for anonymous. */
  @Nullable String authorization(Set<String> scopes) {
    Challenge c = challenge;
    if (c == null) {
      return null;
    }
    Credentials creds = credentials;
    if (c.isBasic()) {
      return creds == null ? null : basic(creds);
    }
    if (!c.isBearer()) {
      throw new RegistryAuthException(
          "authenticate to " + registry + ": unsupported scheme \"" + c.scheme() + "\"");
    }
    String key = String.join(" ", new TreeSet<>(scopes));
    // compute() makes concurrent requests for the same scopes share one token fetch.
    Token t =
        tokens.compute(
            key,
            (k, old) ->
                old != null && clock.instant().isBefore(old.expires()) ? old : fetch(c, scopes));
    return "Bearer " + t.value();
  }

  /** Forgets the token for {@code scopes} after a 401 and takes the new challenge. */
  void rejected(@Nullable Challenge c, Set<String> scopes) {
    tokens.remove(String.join(" ", new TreeSet<>(scopes)));
    if (c != null) {
      challenge = c;
    }
  }

  private Token fetch(Challenge c, Set<String> scopes) {
    String realm = c.param("realm");
    if (realm == null || HttpUrl.parse(realm) == null) {
      throw new RegistryAuthException(
          "authenticate to " + registry + ": the registry sent a bearer challenge without a realm");
    }
    HttpUrl realmUrl = HttpUrl.get(realm);
    Credentials creds = credentials;
    if (creds != null) {
      Hosts.checkCredentialsAllowed(realmUrl, registry);
    }
    Request request = tokenRequest(realmUrl, c.param("service"), scopes, creds);
    try (Response r = http.forUrl(realmUrl).newCall(request).execute()) {
      String body = r.body().string();
      if (r.code() == 401 || r.code() == 403) {
        throw new RegistryAuthException(rejectedMessage(creds));
      }
      if (!r.isSuccessful()) {
        throw new RegistryAuthException(
            "get token for " + registry + " from " + realmUrl.host() + ": HTTP " + r.code());
      }
      Map<String, @Nullable Object> node =
          JsonValues.parseObject(body.getBytes(StandardCharsets.UTF_8));
      String token = JsonValues.text(node, "token", JsonValues.text(node, "access_token", ""));
      if (token.isEmpty()) {
        throw new RegistryAuthException(
            "get token for " + registry + ": the token server's answer has no token");
      }
      long seconds = JsonValues.number(node, "expires_in", DEFAULT_TOKEN_SECONDS);
      Instant expires = clock.instant().plusSeconds(Math.max(seconds - EXPIRY_MARGIN_SECONDS, 1));
      return new Token(token, expires);
    } catch (IOException e) {
      throw new RegistryException(
          "get token for " + registry + " from " + realmUrl.host() + ": " + e.getMessage(), e);
    }
  }

  private static Request tokenRequest(
      HttpUrl realm, @Nullable String service, Set<String> scopes, @Nullable Credentials creds) {
    String identity = creds == null ? null : creds.identityToken();
    if (identity != null) {
      FormBody.Builder form =
          new FormBody.Builder()
              .add("grant_type", "refresh_token")
              .add("client_id", "jbuild")
              .add("refresh_token", identity)
              .add("scope", String.join(" ", new TreeSet<>(scopes)));
      if (service != null) {
        form.add("service", service);
      }
      return new Request.Builder().url(realm).post(form.build()).build();
    }
    HttpUrl.Builder url = realm.newBuilder();
    if (service != null) {
      url.addQueryParameter("service", service);
    }
    for (String scope : new TreeSet<>(scopes)) {
      url.addQueryParameter("scope", scope);
    }
    Request.Builder b = new Request.Builder().url(url.build()).get();
    if (creds != null) {
      b.header("Authorization", basic(creds));
    }
    return b.build();
  }

  private String rejectedMessage(@Nullable Credentials creds) {
    return creds == null
        ? "authenticate to "
            + registry
            + ": credentials required; run `jbuild login "
            + registry
            + "`"
        : "authenticate to "
            + registry
            + ": the token server rejected the credentials for user \""
            + creds.username()
            + "\"; check them with `jbuild login "
            + registry
            + "`";
  }

  static String basic(Credentials c) {
    String pair = c.username() + ":" + c.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
