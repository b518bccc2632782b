package dev.jbuild.cli.build.cache;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port, plain HTTP. */
final class CacheTestRegistry implements AutoCloseable {
  private final Process process;
  private final Path data;
  private final int port;

  private CacheTestRegistry(Process process, Path data, int port) {
    this.process = process;
    this.data = data;
    this.port = port;
  }

  static CacheTestRegistry start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("data");
    String config =
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
            + data
            + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:"
            + port
            + "\n";
    Path file = dir.resolve("config.yml");
    Files.writeString(file, config, UTF_8);
    Process p =
        new ProcessBuilder(List.of("/usr/bin/docker-registry", "serve", file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    CacheTestRegistry r = new CacheTestRegistry(p, data, port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return r;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    r.close();
    throw new IOException("docker-registry did not listen within 30 s");
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** Where the registry keeps the bytes of {@code digest} (to corrupt them in tests). */
  Path blobData(String digest) {
    String hex = digest.substring("sha256:".length());
    return data.resolve("docker/registry/v2/blobs/sha256")
        .resolve(hex.substring(0, 2))
        .resolve(hex)
        .resolve("data");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
