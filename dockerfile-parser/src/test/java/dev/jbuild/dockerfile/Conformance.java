package dev.jbuild.dockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the reference test vectors ({@code $JBUILD_CONFORMANCE_DIR}). */
final class Conformance {
  private Conformance() {}

  /** The vectors directory; skips the calling test only when the vectors are absent. */
  static Path dir() {
    String env = System.getenv("JBUILD_CONFORMANCE_DIR");
    Path dir =
        env != null && !env.isEmpty()
            ? Path.of(env)
            : Path.of("").toAbsolutePath().getParent().resolve("../shared/conformance").normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir), "conformance vectors not present: " + dir);
    return dir;
  }
}
