package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Platform;
import dev.jbuild.registry.testkit.DirectorySink;
import dev.jbuild.registry.testkit.FaultProxy;
import dev.jbuild.registry.testkit.RandomImage;
import dev.jbuild.registry.testkit.RealRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a test CA, htpasswd basic auth and token auth against the real registry. */
class RegistryAuthAndTlsTest {
  private static final Platform AMD64 = Platform.of("linux", "amd64", null);

  @TempDir Path tmp;

  private RegistryOptions options() {
    return RegistryOptions.isolated(tmp.resolve("auth.json"));
  }

  private void roundTrip(RegistryClient client, ImageReference ref) throws Exception {
    RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 2, 20_000, 11, true);
    client.push(ref, image.image(), ProgressListener.NONE);
    DirectorySink sink = new DirectorySink(tmp.resolve("store-" + System.nanoTime()));
    assertThat(client.pull(ref, AMD64, sink, ProgressListener.NONE).manifest())
        .isEqualTo(image.manifest());
    assertThat(sink.verifiedContents()).hasSize(4);
  }

  @Test
  void httpsRegistryIsTrustedThroughItsCertsDirCa() throws Exception {
    try (RealRegistry registry = RealRegistry.builder(tmp.resolve("reg")).https().start();
        RegistryClient client =
            RegistryClient.create(
                options().withTlsVerify(true).withCertDirs(List.of(registry.certDir())))) {
      roundTrip(client, ImageReference.parse(registry.address() + "/tls/app:1"));
    }
  }

  @Test
  void httpsRegistryWithUnknownCaFailsClearlyUnlessVerificationIsOff() throws Exception {
    try (RealRegistry registry = RealRegistry.builder(tmp.resolve("reg")).https().start()) {
      ImageReference ref = ImageReference.parse(registry.address() + "/tls/app:1");
      try (RegistryClient strict = RegistryClient.create(options().withTlsVerify(true))) {
        assertThatThrownBy(() -> strict.listTags(ref))
            .isInstanceOf(RegistryException.class)
            .hasMessageStartingWith("connect to " + registry.address() + " over HTTPS: ")
            .hasMessageContaining("--tls-verify=false");
      }
      try (RegistryClient lax = RegistryClient.create(options().withTlsVerify(false))) {
        roundTrip(lax, ref);
      }
    }
  }

  @Test
  void basicAuthRegistryAcceptsRightCredentialsAndExplainsWrongOnes() throws Exception {
    try (RealRegistry registry =
        RealRegistry.builder(tmp.resolve("reg")).htpasswd("alice", "s3cret:pw").start()) {
      ImageReference ref = ImageReference.parse(registry.address() + "/private/app:1");
      try (RegistryClient client =
          RegistryClient.create(options().withCredentials(Credentials.parse("alice:s3cret:pw")))) {
        roundTrip(client, ref);
        client.checkLogin(registry.address(), "", Credentials.basic("alice", "s3cret:pw"));
        assertThatThrownBy(
                () -> client.checkLogin(registry.address(), "", Credentials.basic("alice", "nope")))
            .isInstanceOf(RegistryAuthException.class)
            .hasMessageContaining("HTTP 401")
            .hasMessageNotContaining("nope");
      }
      try (RegistryClient anonymous = RegistryClient.create(options())) {
        assertThatThrownBy(() -> anonymous.listTags(ref))
            .isInstanceOf(RegistryAuthException.class)
            .hasMessageStartingWith("list tags of " + registry.address() + "/private/app: HTTP 401")
            .hasMessageEndingWith(
                "run `jbuild login " + registry.address() + "` if the repository is private");
      }
    }
  }

  @Test
  void credentialsComeFromTheAuthFileWrittenByLogin() throws Exception {
    try (RealRegistry registry =
        RealRegistry.builder(tmp.resolve("reg")).htpasswd("bob", "pw").start()) {
      CredentialStore store =
          CredentialStore.of(List.of(tmp.resolve("auth.json")), tmp.resolve("auth.json"));
      store.login(registry.address(), Credentials.basic("bob", "pw"));
      try (RegistryClient client = RegistryClient.create(options().withCredentialStore(store))) {
        roundTrip(client, ImageReference.parse(registry.address() + "/bob/app:1"));
      }
    }
  }

  @Test
  void tokenAuthFetchesScopedTokensAndReusesThem() throws Exception {
    try (RealRegistry registry =
        RealRegistry.builder(tmp.resolve("reg")).tokenAuth("carol", "pw").start()) {
      ImageReference ref = ImageReference.parse(registry.address() + "/carol/app:1");
      try (RegistryClient client =
          RegistryClient.create(options().withCredentials(Credentials.basic("carol", "pw")))) {
        roundTrip(client, ref);
        // one token for push, one for pull: not one per request
        assertThat(registry.tokenServer().requests())
            .containsOnly("repository:carol/app:pull,push", "repository:carol/app:pull")
            .hasSizeLessThanOrEqualTo(3);

        RandomImage.Built image = RandomImage.create(tmp.resolve("img2"), 1, 1000, 12, true);
        client.push(ref, image.image(), ProgressListener.NONE);
        client.push(
            ImageReference.parse(registry.address() + "/carol/other:1"),
            image.mountableFrom(ref),
            ProgressListener.NONE);
        assertThat(registry.tokenServer().requests())
            .contains("repository:carol/app:pull repository:carol/other:pull,push");
      }
      try (RegistryClient wrong =
          RegistryClient.create(options().withCredentials(Credentials.basic("carol", "bad")))) {
        assertThatThrownBy(() -> wrong.listTags(ref))
            .isInstanceOf(RegistryAuthException.class)
            .hasMessage(
                "authenticate to "
                    + registry.address()
                    + ": the token server rejected the credentials for user \"carol\"; check them"
                    + " with `jbuild login "
                    + registry.address()
                    + "`");
      }
    }
  }

  @Test
  void redirectToAnotherHostDropsAuthorization() throws Exception {
    try (RealRegistry registry =
            RealRegistry.builder(tmp.resolve("reg")).htpasswd("dave", "pw").start();
        FaultProxy proxy = new FaultProxy(registry.address());
        RegistryClient client =
            RegistryClient.create(options().withCredentials(Credentials.basic("dave", "pw")))) {
      ImageReference ref = ImageReference.parse(proxy.address() + "/dave/app:1");
      RandomImage.Built image = RandomImage.create(tmp.resolve("img"), 1, 10_000, 13, true);
      client.push(ref, image.image(), ProgressListener.NONE);
      proxy.inject("GET", "/blobs/sha256:", new FaultProxy.PresignedRedirect(), 10);

      DirectorySink sink = new DirectorySink(tmp.resolve("store"));
      client.pull(ref, AMD64, sink, ProgressListener.NONE);

      assertThat(sink.verifiedContents()).hasSize(3);
      assertThat(proxy.blobHostRequests()).hasSize(2).noneMatch(FaultProxy.Seen::authorized);
      assertThat(proxy.requests())
          .filteredOn(s -> s.path().contains("/blobs/sha256:"))
          .allMatch(FaultProxy.Seen::authorized);
    }
  }

  @Test
  void neverSendsCredentialsOverPlainHttpToRemoteHosts() {
    assertThatThrownBy(
            () ->
                Hosts.checkCredentialsAllowed(
                    okhttp3.HttpUrl.get("http://registry.example.com/v2/"), "registry.example.com"))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage(
            "authenticate to registry.example.com: refusing to send credentials over plain HTTP"
                + " to registry.example.com; serve the registry over HTTPS");
    for (String ok : Set.of("http://127.0.0.1:5000/v2/", "http://localhost/v2/", "https://r.io/")) {
      Hosts.checkCredentialsAllowed(okhttp3.HttpUrl.get(ok), "x");
    }
  }
}
