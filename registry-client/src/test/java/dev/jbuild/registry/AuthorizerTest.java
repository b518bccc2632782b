package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.registry.testkit.TokenServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizerTest {
  @TempDir Path tmp;

  /** A clock the test moves forward. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tokenIsReusedPerScopeSetAndRefreshedBeforeItExpires() throws Exception {
    try (TokenServer server = new TokenServer(tmp, "u", "p")) {
      OkHttpClient http = new OkHttpClient();
      ManualClock clock = new ManualClock();
      Authorizer auth =
          new Authorizer(
              "r.example", Credentials.basic("u", "p"), new HttpClients(http, () -> http), clock);
      auth.challenge(
          new Challenge("bearer", Map.of("realm", server.realm(), "service", TokenServer.SERVICE)));
      Set<String> pull = Set.of(Session.pullScope("a"));

      String first = auth.authorization(pull);
      assertThat(auth.authorization(pull)).isEqualTo(first);
      assertThat(server.requests()).hasSize(1);

      auth.authorization(Set.of(Session.pushScope("a")));
      assertThat(server.requests()).hasSize(2);

      clock.now = clock.now.plus(Duration.ofSeconds(295)); // 300 s token, 10 s margin
      assertThat(auth.authorization(pull)).isNotEqualTo(first);
      assertThat(server.requests()).hasSize(3);

      auth.rejected(null, pull); // a 401 forgets the token
      auth.authorization(pull);
      assertThat(server.requests()).hasSize(4);
      http.dispatcher().executorService().shutdown();
    }
  }
}
