package dev.jbuild.rootless;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Facts about the machine jbuild runs on, read once at start-up and passed around: who we are, our
 * environment, where the external commands and the id files are. Tests build one with fake paths.
 */
public record Host(
    HostUser user,
    Map<String, String> env,
    Tools tools,
    Path subuidFile,
    Path subgidFile,
    Path procDir,
    Path tempDir) {
  public Host {
    env = Map.copyOf(env);
  }

  /** The current process's host. */
  public static Host current() {
    Path proc = Path.of("/proc");
    HostUser user = currentUser(proc, System.getProperty("user.name", ""));
    Map<String, String> env = System.getenv();
    return new Host(
        user,
        env,
        Tools.fromPathVariable(env.getOrDefault("PATH", "")),
        Path.of("/etc/subuid"),
        Path.of("/etc/subgid"),
        proc,
        Path.of(System.getProperty("java.io.tmpdir", "/tmp")));
  }

  /** Real uid and gid from /proc/self/status (the JDK has no public getuid). */
  static HostUser currentUser(Path proc, String name) {
    try {
      long uid = -1;
      long gid = -1;
      for (String line : Files.readAllLines(proc.resolve("self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
        } else if (line.startsWith("Gid:")) {
          gid = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
        }
      }
      if (uid < 0 || gid < 0) {
        throw new RootlessException("reading " + proc + "/self/status: no Uid/Gid line");
      }
      return new HostUser(name, uid, gid);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + proc + "/self/status", e);
    }
  }

  /** A sysctl value under procDir/sys, or empty when the knob does not exist here. */
  String sysctl(String dottedName) {
    Path file = procDir.resolve("sys").resolve(dottedName.replace('.', '/'));
    try {
      return Files.isReadable(file) ? Files.readString(file).strip() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
