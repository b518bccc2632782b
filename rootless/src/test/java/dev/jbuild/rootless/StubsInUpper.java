package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A step run on an overlay of the busybox rootfs, then the upper dir listed: the change set the
 * layer writer would see. Each entry is "path type mtime-matches-lower".
 */
final class StubsInUpper {
  private StubsInUpper() {}

  static String run(Rootless rootless, Isolation isolation, Path dir) throws IOException {
    Path lower = BusyboxRootfs.create(dir.resolve("lower"));
    Path upper = Files.createDirectory(dir.resolve("upper"));
    Path work = Files.createDirectory(dir.resolve("work"));
    Path merged = Files.createDirectory(dir.resolve("merged"));
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
    Sandbox sandbox = rootless.sandbox(isolation, Optional.empty()).sandbox();
    int exit;
    try (OverlayMount m = rootless.overlay().mount(List.of(lower), upper, work, merged)) {
      exit =
          sandbox
              .run(
                  SandboxSpec.builder(
                          m.target(), List.of("sh", "-c", "cat /run/secrets/id >/tmp/new"))
                      .env(List.of("PATH=/bin"))
                      .mount(new SandboxMount.Bind(secret, "/run/secrets/id", true))
                      .build())
              .exitCode();
    }
    return "exit=" + exit + "\n" + describe(lower, upper);
  }

  static String describe(Path lower, Path upper) throws IOException {
    try (var paths = Files.walk(upper)) {
      return paths
          .filter(p -> !p.equals(upper))
          .map(p -> entry(lower, upper, p))
          .sorted()
          .collect(Collectors.joining("\n"));
    }
  }

  private static String entry(Path lower, Path upper, Path p) {
    try {
      String rel = upper.relativize(p).toString();
      Path inLower = lower.resolve(rel);
      String type = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file";
      boolean sameTime =
          Files.exists(inLower)
              && Files.getLastModifiedTime(inLower).equals(Files.getLastModifiedTime(p));
      return rel + " " + type + (sameTime ? " same-mtime" : "");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
