package dev.jbuild.rootless;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Runs a short helper command to completion with stdin at /dev/null, capturing its output. */
record ProcessResult(int exitCode, String stdout, String stderr) {
  static ProcessResult run(List<String> argv) {
    try {
      Process process =
          new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String out = readAll(process.getInputStream());
      int code = process.waitFor();
      return new ProcessResult(code, out, err.get());
    } catch (IOException | UncheckedIOException e) {
      throw new RootlessException("running " + argv.get(0) + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new RootlessException("running " + argv.get(0) + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RootlessException("interrupted while running " + argv.get(0), e);
    }
  }

  /** Runs and throws with the command's own error line when it fails. */
  static ProcessResult check(List<String> argv, String doing) {
    ProcessResult result = run(argv);
    if (result.exitCode() != 0) {
      throw new RootlessException(doing + ": " + result.firstErrorLine());
    }
    return result;
  }

  String firstErrorLine() {
    for (String line : (stderr + "\n" + stdout).split("\n")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "exit code " + exitCode;
  }

  static File devNull() {
    return new File("/dev/null");
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
