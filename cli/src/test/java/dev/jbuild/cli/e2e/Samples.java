package dev.jbuild.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's samples are. */
final class Samples {
  private Samples() {}

  static Path dir(String name) {
    String root = System.getProperty("jbuild.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    Path p = base.resolve("samples").resolve(name);
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("sample not found: " + p);
    }
    return p;
  }
}
