package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jbuild.testkit.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Debian's {@code docker-registry} on a free 127.0.0.1 port, plain HTTP, storage in {@code dir},
 * optionally with htpasswd basic auth. A minimal stand-in until registry-client's test kit is
 * published as a test-jar.
 */
final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalRegistry start(Path dir) throws IOException, InterruptedException {
    return start(dir, null, null);
  }

  static LocalRegistry start(Path dir, String user, String password)
      throws IOException, InterruptedException {
    return start(dir, user, password, false);
  }

  /** Serves HTTPS with {@code dir/cert.pem} and {@code dir/key.pem} (see {@link TestTls}). */
  static LocalRegistry startHttps(Path dir) throws IOException, InterruptedException {
    return start(dir, null, null, true);
  }

  private static LocalRegistry start(Path dir, String user, String password, boolean tls)
      throws IOException, InterruptedException {
    int port = freePort();
    StringBuilder config = new StringBuilder();
    config.append("version: 0.1\n");
    config.append("log:\n  level: error\n");
    config.append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data"));
    config.append("\n  delete:\n    enabled: true\n");
    config.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (tls) {
      config.append("  tls:\n    certificate: ").append(dir.resolve("cert.pem"));
      config.append("\n    key: ").append(dir.resolve("key.pem")).append('\n');
    }
    if (user != null) {
      String entry = Tools.run("htpasswd", "-Bbn", user, password).strip();
      Files.writeString(dir.resolve("htpasswd"), entry + "\n", UTF_8);
      config.append("auth:\n  htpasswd:\n    realm: test\n    path: ");
      config.append(dir.resolve("htpasswd")).append('\n');
    }
    Path file = dir.resolve("config.yml");
    Files.writeString(file, config, UTF_8);
    Process p =
        new ProcessBuilder(List.of("/usr/bin/docker-registry", "serve", file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry r = new LocalRegistry(p, port);
    r.awaitListening(dir);
    return r;
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  private void awaitListening(Path dir) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IOException("docker-registry did not listen on " + host() + " within 30 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s =
        new ServerSocket(0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
