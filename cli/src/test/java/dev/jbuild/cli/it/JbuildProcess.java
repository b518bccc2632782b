package dev.jbuild.cli.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jbuild.jar as a separate process, either as the current user (root in CI) or as
 * the unprivileged test user ({@code $JBUILD_TEST_USER}, default {@code jbuild-test}) with a clean
 * environment, the way a user would run it.
 */
final class JbuildProcess {
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Path jar;
  private final Path home;
  private final String user;
  private final boolean switchUser;

  private JbuildProcess(Path jar, Path home, String user, boolean switchUser) {
    this.jar = jar;
    this.home = home;
    this.user = user;
    this.switchUser = switchUser;
  }

  /** As the unprivileged test user, in a fresh home it owns. */
  static JbuildProcess asTestUser() throws IOException {
    String name = System.getenv().getOrDefault("JBUILD_TEST_USER", "jbuild-test");
    Result id = exec(List.of("id", "-u", name), null);
    Result gid = exec(List.of("id", "-g", name), null);
    if (id.exit() != 0) {
      throw new AssertionError(
          "test user '" + name + "' does not exist: run scripts/test.sh (it creates it)");
    }
    Path home = sharedDir();
    Files.setAttribute(home, "unix:uid", Integer.parseInt(id.out().strip()));
    Files.setAttribute(home, "unix:gid", Integer.parseInt(gid.out().strip()));
    return new JbuildProcess(readableJar(), home, name, true);
  }

  /** As the current user (root in CI). */
  static JbuildProcess asCurrentUser() throws IOException {
    return new JbuildProcess(readableJar(), sharedDir(), "", false);
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    if (switchUser) {
      cmd.addAll(List.of("runuser", "-u", user, "--"));
    }
    cmd.addAll(
        List.of(
            "env",
            "-i",
            "HOME=" + home,
            "TMPDIR=" + home,
            "HOST_SECRET_VAR=must-not-leak",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "SOURCE_DATE_EPOCH=1700000000",
            javaBinary(),
            "-jar",
            jar.toString()));
    cmd.addAll(List.of(args));
    return exec(cmd, home);
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static Path sharedDir() throws IOException {
    return Files.createTempDirectory(
        Path.of("/tmp"),
        "jbuild-it-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** The jar copied where an unprivileged user can read it (the checkout may be in /root). */
  private static Path readableJar() throws IOException {
    Path jar = Path.of(System.getProperty("jbuild.jar", "target/jbuild.jar"));
    Path dir = sharedDir();
    Path copy = dir.resolve("jbuild.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    copy.toFile().setReadable(true, false);
    return copy;
  }

  static Result exec(List<String> argv, Path dir) {
    try {
      ProcessBuilder b = new ProcessBuilder(argv);
      if (dir != null) {
        b.directory(dir.toFile());
      }
      Process p = b.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
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
