package dev.jbuild.rootless;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged user the rootless tests run as: {@code $JBUILD_TEST_USER} (CI sets it), else
 * {@code jbuild-test} when that user exists. Running as root without either fails the test: an
 * unprivileged path that is silently skipped is a defect. When the tests themselves run
 * unprivileged, that user is simply the current one.
 */
record TestUser(String name, long uid, long gid, boolean switchNeeded) {
  static TestUser resolve() {
    HostUser self = Host.current().user();
    if (self.uid() != 0) {
      return new TestUser(self.name(), self.uid(), self.gid(), false);
    }
    String name = System.getenv().getOrDefault("JBUILD_TEST_USER", "jbuild-test");
    Result id = runRaw(List.of("id", "-u", name), null, "");
    Result gid = runRaw(List.of("id", "-g", name), null, "");
    if (id.exit() != 0) {
      throw new AssertionError(
          "running as root but test user '"
              + name
              + "' does not exist: run scripts/test.sh (it creates it) or set JBUILD_TEST_USER");
    }
    return new TestUser(
        name, Long.parseLong(id.stdout().strip()), Long.parseLong(gid.stdout().strip()), true);
  }

  /** A fresh directory the user owns (world-traversable parents under /tmp). */
  Path ownedTempDir() throws IOException {
    Path dir =
        Files.createTempDirectory(
            Path.of("/tmp"),
            "jbuild-rootless-test-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    if (switchNeeded) {
      Files.setAttribute(dir, "unix:uid", (int) uid);
      Files.setAttribute(dir, "unix:gid", (int) gid);
    }
    return dir;
  }

  /** Runs argv as this user in dir with a clean environment (HOME and TMPDIR inside dir). */
  Result run(List<String> argv, Path dir, String stdin) {
    List<String> cmd = new ArrayList<>();
    if (switchNeeded) {
      cmd.addAll(List.of("runuser", "-u", name, "--"));
    }
    cmd.addAll(
        List.of(
            "env",
            "-i",
            "HOME=" + dir,
            "TMPDIR=" + dir,
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    cmd.addAll(argv);
    return runRaw(cmd, dir, stdin);
  }

  record Result(int exit, String stdout, String stderr) {}

  static Result runRaw(List<String> argv, Path dir, String stdin) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      Process p = builder.start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + argv);
      }
      return new Result(p.exitValue(), out.get(), err.get());
    } catch (Exception e) {
      throw new AssertionError("running " + argv + ": " + e, e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
