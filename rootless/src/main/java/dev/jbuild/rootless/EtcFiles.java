package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The generated /etc/hosts, /etc/resolv.conf and /etc/hostname a step sees. */
record EtcFiles(Path hosts, Path resolvConf, Path hostname) {
  static final List<String> TARGETS = List.of("/etc/hosts", "/etc/resolv.conf", "/etc/hostname");

  static EtcFiles write(Path dir, String hostname, Network network) {
    try {
      Path hosts = dir.resolve("hosts");
      Files.writeString(
          hosts,
          "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t"
              + hostname
              + "\n");
      Path resolv = dir.resolve("resolv.conf");
      Path hostResolv = Path.of("/etc/resolv.conf");
      String dns =
          network == Network.HOST && Files.isReadable(hostResolv)
              ? Files.readString(hostResolv)
              : "";
      Files.writeString(resolv, dns);
      Path name = dir.resolve("hostname");
      Files.writeString(name, hostname + "\n");
      for (Path p : List.of(hosts, resolv, name)) {
        p.toFile().setReadable(true, false);
      }
      return new EtcFiles(hosts, resolv, name);
    } catch (IOException e) {
      throw new SandboxException("writing /etc files for the step: " + e.getMessage(), e);
    }
  }

  List<Path> sources() {
    return List.of(hosts, resolvConf, hostname);
  }
}
