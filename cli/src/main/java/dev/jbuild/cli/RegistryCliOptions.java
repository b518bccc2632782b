package dev.jbuild.cli;

import dev.jbuild.registry.CredentialStore;
import dev.jbuild.registry.Credentials;
import dev.jbuild.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The registry flags podman and buildah share ({@code --tls-verify}, {@code --creds}, {@code
 * --cert-dir}, {@code --authfile}), as a mixin for every command that talks to a registry.
 */
public final class RegistryCliOptions {
  @Option(
      names = "--tls-verify",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description =
          "Verify TLS certificates and require HTTPS (default: verify; plain HTTP only for"
              + " localhost).")
  @Nullable Boolean tlsVerify;

  @Option(
      names = "--creds",
      paramLabel = "USER:PASS",
      description = "Credentials for the registry (instead of the auth file).")
  @Nullable String creds;

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      description = "CA certificates as DIR/<host[:port]>/*.crt (instead of the default dirs).")
  @Nullable Path certDir;

  @Option(
      names = "--authfile",
      paramLabel = "FILE",
      description =
          "Auth file to read and write (default: $REGISTRY_AUTH_FILE, containers' auth.json,"
              + " ~/.docker/config.json).")
  @Nullable Path authFile;

  /** The client settings these flags describe. */
  public RegistryOptions toRegistryOptions() {
    RegistryOptions o = RegistryOptions.fromEnvironment().withCredentialStore(credentialStore());
    if (tlsVerify != null) {
      o = o.withTlsVerify(tlsVerify);
    }
    if (certDir != null) {
      o = o.withCertDirs(List.of(certDir));
    }
    String c = creds;
    if (c != null) {
      o = o.withCredentials(parseCreds(c));
    }
    return o;
  }

  CredentialStore credentialStore() {
    Path f = authFile;
    return f == null ? CredentialStore.fromEnvironment() : CredentialStore.of(List.of(f), f);
  }

  static Credentials parseCreds(String userColonPass) {
    try {
      return Credentials.parse(userColonPass);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--creds: " + e.getMessage());
    }
  }
}
