package dev.jbuild.rootless;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JVM running {@link NamespaceChildMain} with this module's classes, copied where an unprivileged
 * user can read them (the checkout may sit in root's 0700 home).
 */
final class ChildJvm {
  private ChildJvm() {}

  static List<String> command(Path sharedDir, String... args) throws IOException {
    Path cp = sharedDir.resolve("cp");
    Path assertj = sharedDir.resolve("assertj.jar");
    if (!Files.exists(cp)) {
      copyTree(codeSource(Rootless.class), cp);
      copyTree(codeSource(NamespaceChildMain.class), cp);
      Files.copy(codeSource(org.assertj.core.api.Assertions.class), assertj);
      assertj.toFile().setReadable(true, false);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>();
    argv.addAll(
        List.of(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + sharedDir,
            "-cp",
            cp + ":" + assertj,
            NamespaceChildMain.class.getName()));
    argv.addAll(List.of(args));
    return argv;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try (Stream<Path> paths = Files.walk(to)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        p.toFile().setReadable(true, false);
        p.toFile().setExecutable(Files.isDirectory(p), false);
      }
    }
  }
}
