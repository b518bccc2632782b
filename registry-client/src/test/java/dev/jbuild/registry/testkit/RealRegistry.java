package dev.jbuild.registry.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port with a generated
 * config: filesystem storage in a temp dir, deletes enabled, and optionally TLS from a test CA,
 * htpasswd basic auth, or token auth backed by a {@link TokenServer}. Shared with cli tests via the
 * module's test-jar.
 */
public final class RealRegistry implements AutoCloseable {
  public static final String BINARY = "/usr/bin/docker-registry";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final Process process;
  private final int port;
  private final @Nullable Path certDir;
  private final @Nullable TokenServer tokenServer;

  private RealRegistry(
      Path dir, Process process, int port, @Nullable Path certDir, @Nullable TokenServer token) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.certDir = certDir;
    this.tokenServer = token;
  }

  /** How the registry is set up. */
  public static final class Builder {
    private final Path dir;
    private boolean tls;
    private @Nullable String user;
    private @Nullable String password;
    private boolean token;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Serve HTTPS with a certificate from a fresh test CA; see {@link #certDir()}. */
    public Builder https() {
      this.tls = true;
      return this;
    }

    /** Require HTTP basic auth (bcrypt htpasswd entry made by {@code htpasswd -Bbn}). */
    public Builder htpasswd(String user, String password) {
      this.user = user;
      this.password = password;
      this.token = false;
      return this;
    }

    /** Require bearer tokens from a {@link TokenServer} that accepts {@code user:password}. */
    public Builder tokenAuth(String user, String password) {
      this.user = user;
      this.password = password;
      this.token = true;
      return this;
    }

    public RealRegistry start() throws IOException, InterruptedException {
      return RealRegistry.start(this);
    }
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** A plain-HTTP registry without auth. */
  public static RealRegistry plainHttp(Path dir) throws IOException, InterruptedException {
    return builder(dir).start();
  }

  private static RealRegistry start(Builder b) throws IOException, InterruptedException {
    Files.createDirectories(b.dir);
    List<String> extra = new ArrayList<>();
    Path certDir = null;
    if (b.tls) {
      certDir = b.dir.resolve("certs.d");
      extra.add(tlsConfig(b.dir));
    }
    TokenServer token = null;
    String user = b.user;
    String password = b.password;
    if (user != null && password != null) {
      if (b.token) {
        token = new TokenServer(b.dir, user, password);
        extra.add(tokenConfig(token));
      } else {
        extra.add(htpasswdConfig(b.dir, user, password));
      }
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path config = b.dir.resolve("config-" + port + ".yml");
      Files.writeString(config, config(b.dir, port, extra));
      Process p =
          new ProcessBuilder(BINARY, "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(b.dir.resolve("registry-" + port + ".log").toFile())
              .start();
      try {
        awaitPort(p, port);
        if (certDir != null) {
          Path hostDir = Files.createDirectories(certDir.resolve("127.0.0.1:" + port));
          Files.copy(b.dir.resolve("ca.pem"), hostDir.resolve("ca.crt"));
        }
        return new RealRegistry(b.dir, p, port, certDir, token);
      } catch (IOException e) {
        p.destroyForcibly().waitFor();
        last = e;
      }
    }
    if (token != null) {
      token.close();
    }
    throw new IOException("docker-registry did not start", last);
  }

  private static String config(Path dir, int port, List<String> extra) {
    String base =
        "version: 0.1\n"
            + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n  delete:\n    enabled: true\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n  secret: "
            + UUID.randomUUID()
            + "\n";
    return base + String.join("", extra);
  }

  private static String tlsConfig(Path dir) throws IOException {
    TestCertificates certs = new TestCertificates("jbuild test CA " + UUID.randomUUID());
    TestCertificates.Issued server = certs.serverCertificate();
    TestCertificates.writePem(dir.resolve("ca.pem"), certs.ca());
    TestCertificates.writePem(dir.resolve("server.pem"), server.certificate(), certs.ca());
    TestCertificates.writePem(dir.resolve("server.key"), server.keys().getPrivate());
    return "  tls:\n    certificate: "
        + dir.resolve("server.pem")
        + "\n    key: "
        + dir.resolve("server.key")
        + "\n";
  }

  private static String htpasswdConfig(Path dir, String user, String password)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
    String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0 || line.isEmpty()) {
      throw new IOException("htpasswd -Bbn failed (is apache2-utils installed?)");
    }
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, line + "\n");
    return "auth:\n  htpasswd:\n    realm: jbuild-test\n    path: " + file + "\n";
  }

  private static String tokenConfig(TokenServer token) {
    return "auth:\n  token:\n    realm: "
        + token.realm()
        + "\n    service: "
        + TokenServer.SERVICE
        + "\n    issuer: "
        + TokenServer.ISSUER
        + "\n    rootcertbundle: "
        + token.rootCertBundle()
        + "\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(Process p, int port) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IOException("docker-registry exited with " + p.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    throw new IOException("docker-registry did not listen on " + port + " in " + START_TIMEOUT);
  }

  /** {@code 127.0.0.1:<port>}, as used in image references. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A certs.d-style directory with {@code 127.0.0.1:<port>/ca.crt}; only for HTTPS. */
  public Path certDir() {
    if (certDir == null) {
      throw new IllegalStateException("registry was not started with https()");
    }
    return certDir;
  }

  public TokenServer tokenServer() {
    if (tokenServer == null) {
      throw new IllegalStateException("registry was not started with tokenAuth()");
    }
    return tokenServer;
  }

  /** The registry's storage root, to check what it holds. */
  public Path storage() {
    return dir.resolve("storage");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    if (tokenServer != null) {
      tokenServer.close();
    }
  }
}
