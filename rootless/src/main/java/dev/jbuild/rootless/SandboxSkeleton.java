package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The trees the built-in sandbox binds instead of creating them with one process per file: {@code
 * t/} (the new root: {@code r/} for the rootfs, the host's system dirs and their symlinks, {@code
 * proc/}, {@code etc/ld.so.cache}) and {@code dev/} (device stubs, pts, shm and the usual
 * symlinks).
 */
record SandboxSkeleton(Path top, Path dev, List<String> hostSystemDirs, boolean ldCache) {
  static final List<String> SYSTEM_DIRS =
      List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32");
  static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
  private static final Path LD_CACHE = Path.of("/etc/ld.so.cache");

  static SandboxSkeleton create(Path work) throws IOException {
    Path top = Files.createDirectory(work.resolve("t"));
    Files.createDirectory(top.resolve("r"));
    Files.createDirectory(top.resolve("proc"));
    List<String> dirs = new java.util.ArrayList<>();
    for (String name : SYSTEM_DIRS) {
      Path host = Path.of("/", name);
      if (Files.isSymbolicLink(host)) {
        Files.createSymbolicLink(top.resolve(name), Files.readSymbolicLink(host));
      } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(top.resolve(name));
        dirs.add(name);
      }
    }
    boolean ldCache = Files.isRegularFile(LD_CACHE);
    if (ldCache) {
      Files.createFile(Files.createDirectory(top.resolve("etc")).resolve("ld.so.cache"));
    }
    return new SandboxSkeleton(top, dev(work), dirs, ldCache);
  }

  private static Path dev(Path work) throws IOException {
    Path dev = Files.createDirectory(work.resolve("dev"));
    for (String name : DEVICES) {
      Files.createFile(dev.resolve(name));
    }
    Files.createDirectory(dev.resolve("pts"));
    Files.createDirectory(dev.resolve("shm"));
    Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));
    Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
    String[] std = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < std.length; i++) {
      Files.createSymbolicLink(dev.resolve(std[i]), Path.of("/proc/self/fd/" + i));
    }
    return dev;
  }

  Path ldCachePath() {
    return top.resolve("etc/ld.so.cache");
  }

  static Path ldCacheSource() {
    return LD_CACHE;
  }
}
