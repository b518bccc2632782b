package dev.jbuild.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one {@link RegistryClient}. {@code tlsVerify} null means the default: verify
 * certificates, and allow plain HTTP only for insecure-listed and loopback registries; false
 * disables verification and allows plain HTTP for every registry (like {@code --tls-verify=false}).
 * {@code certDirs} hold per-registry CA files as {@code <dir>/<host[:port]>/*.crt}. {@code
 * credentials}, when set, is used for every registry instead of the credential files. {@code
 * chunkSize} 0 uploads each blob in one request.
 */
public record RegistryOptions(
    @Nullable Boolean tlsVerify,
    List<Path> certDirs,
    Set<String> insecureRegistries,
    @Nullable Credentials credentials,
    CredentialStore credentialStore,
    RegistriesConf registriesConf,
    RetryPolicy retry,
    int concurrency,
    long chunkSize) {

  /** Blobs in flight at once: skopeo's and containers/image's default, 6. */
  public static final int DEFAULT_CONCURRENCY = 6;

  public RegistryOptions {
    certDirs = List.copyOf(certDirs);
    insecureRegistries = Set.copyOf(insecureRegistries);
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (chunkSize < 0) {
      throw new IllegalArgumentException("chunkSize must not be negative");
    }
  }

  /** Settings read from the environment: credential files, registries.conf, cert dirs. */
  public static RegistryOptions fromEnvironment() {
    Path home = Path.of(System.getProperty("user.home"));
    return new RegistryOptions(
        null,
        List.of(
            home.resolve(".config/containers/certs.d"),
            Path.of("/etc/containers/certs.d"),
            Path.of("/etc/docker/certs.d")),
        Set.of(),
        null,
        CredentialStore.fromEnvironment(),
        RegistriesConf.fromEnvironment(),
        RetryPolicy.DEFAULT,
        DEFAULT_CONCURRENCY,
        0);
  }

  /** Settings that read nothing from the environment: no credentials, no registries.conf. */
  public static RegistryOptions isolated(Path credentialFile) {
    return new RegistryOptions(
        null,
        List.of(),
        Set.of(),
        null,
        CredentialStore.of(List.of(credentialFile), credentialFile),
        RegistriesConf.EMPTY,
        RetryPolicy.DEFAULT,
        4,
        0);
  }

  public RegistryOptions withTlsVerify(@Nullable Boolean verify) {
    return new RegistryOptions(
        verify,
        certDirs,
        insecureRegistries,
        credentials,
        credentialStore,
        registriesConf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withCertDirs(List<Path> dirs) {
    return new RegistryOptions(
        tlsVerify,
        dirs,
        insecureRegistries,
        credentials,
        credentialStore,
        registriesConf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withInsecureRegistries(Set<String> hosts) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        hosts,
        credentials,
        credentialStore,
        registriesConf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withCredentials(@Nullable Credentials creds) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        creds,
        credentialStore,
        registriesConf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withCredentialStore(CredentialStore store) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        credentials,
        store,
        registriesConf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withRegistriesConf(RegistriesConf conf) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        credentials,
        credentialStore,
        conf,
        retry,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withRetry(RetryPolicy policy) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        credentials,
        credentialStore,
        registriesConf,
        policy,
        concurrency,
        chunkSize);
  }

  public RegistryOptions withConcurrency(int threads) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        credentials,
        credentialStore,
        registriesConf,
        retry,
        threads,
        chunkSize);
  }

  public RegistryOptions withChunkSize(long bytes) {
    return new RegistryOptions(
        tlsVerify,
        certDirs,
        insecureRegistries,
        credentials,
        credentialStore,
        registriesConf,
        retry,
        concurrency,
        bytes);
  }
}
