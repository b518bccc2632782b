package dev.jbuild.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program (skopeo, umoci, tar) and captures what it printed. */
record Tool(int exitCode, String out, String err) {

  static Tool run(List<String> command) throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("tool", ".out");
    Path errFile = Files.createTempFile("tool", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(outFile.toFile())
              .redirectError(errFile.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      return new Tool(
          p.exitValue(),
          Files.readString(outFile, StandardCharsets.UTF_8),
          Files.readString(errFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
    }
  }

  static Tool ok(String... command) throws IOException, InterruptedException {
    Tool t = run(List.of(command));
    if (t.exitCode != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + t);
    }
    return t;
  }
}
