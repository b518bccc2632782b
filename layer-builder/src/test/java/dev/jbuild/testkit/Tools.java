package dev.jbuild.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external tools (tar, skopeo, umoci, podman) from tests; a failure fails the test. */
public final class Tools {
  private Tools() {}

  /** Result of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code cmd}; returns its output; throws with stderr if it exits non-zero. */
  public static String run(String... cmd) throws IOException {
    Result r = exec(List.of(cmd), null);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          String.join(" ", cmd) + " exited " + r.exitCode() + ":\n" + r.stderr() + r.stdout());
    }
    return r.stdout();
  }

  /** Runs {@code cmd} in {@code dir}; returns the result whatever the exit code. */
  public static Result exec(List<String> cmd, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Path out = Files.createTempFile("tool-out", ".txt");
    Path err = Files.createTempFile("tool-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " did not finish in 5 minutes");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + cmd, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
