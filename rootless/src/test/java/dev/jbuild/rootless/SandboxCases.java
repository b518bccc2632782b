package dev.jbuild.rootless;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The sandbox behaviours every isolation must show, each on a fresh busybox rootfs. Run in the test
 * JVM as root and in a child JVM as the unprivileged user; results are serialized to one line each
 * so both runs are asserted by the same test code.
 */
final class SandboxCases {
  record Case(
      String name, boolean needsNamespaces, BiFunction<Path, Path, SandboxSpec.Builder> spec) {}

  record Result(
      String name,
      int exit,
      String stdout,
      String stderr,
      List<String> removedStubs,
      List<String> leftovers) {
    String serialize() {
      Base64.Encoder b64 = Base64.getEncoder();
      return String.join(
          "|",
          "case",
          name,
          Integer.toString(exit),
          b64.encodeToString(stdout.getBytes(StandardCharsets.UTF_8)),
          b64.encodeToString(stderr.getBytes(StandardCharsets.UTF_8)),
          String.join(",", removedStubs),
          String.join(",", leftovers));
    }

    static Result parse(String line) {
      String[] f = line.split("\\|", -1);
      Base64.Decoder b64 = Base64.getDecoder();
      return new Result(
          f[1],
          Integer.parseInt(f[2]),
          new String(b64.decode(f[3]), StandardCharsets.UTF_8),
          new String(b64.decode(f[4]), StandardCharsets.UTF_8),
          split(f[5]),
          split(f[6]));
    }

    private static List<String> split(String s) {
      return s.isEmpty() ? List.of() : List.of(s.split(","));
    }
  }

  static final List<String> ENV =
      List.of("PATH=/bin", "GREETING=hello world", "EMPTY=", "HOME=/root");

  static final List<Case> ALL =
      List.of(
          new Case(
              "env", false, (root, scratch) -> SandboxSpec.builder(root, List.of("env")).env(ENV)),
          new Case(
              "cwd",
              false,
              (root, scratch) -> SandboxSpec.builder(root, List.of("pwd")).env(ENV).cwd("/tmp")),
          new Case(
              "ids",
              false,
              (root, scratch) ->
                  SandboxSpec.builder(root, List.of("id"))
                      .env(ENV)
                      .user(1000, 1001, List.of(1001L, 2000L))),
          new Case(
              "exit",
              false,
              (root, scratch) ->
                  SandboxSpec.builder(root, List.of("sh", "-c", "echo out; echo err >&2; exit 42"))
                      .env(ENV)),
          new Case(
              "rootCaps",
              true,
              (root, scratch) ->
                  SandboxSpec.builder(
                          root,
                          List.of("sh", "-c", "grep -E '^Cap(Bnd|Eff|Inh)' /proc/self/status"))
                      .env(ENV)),
          new Case(
              "userCaps",
              true,
              (root, scratch) ->
                  SandboxSpec.builder(
                          root, List.of("sh", "-c", "grep -E '^Cap(Eff|Prm)' /proc/self/status"))
                      .env(ENV)
                      .user(1000, 1000, List.of())),
          new Case(
              "hostname",
              true,
              (root, scratch) ->
                  SandboxSpec.builder(
                          root,
                          List.of(
                              "sh",
                              "-c",
                              "hostname; cat /etc/hostname; grep -c buildhost /etc/hosts"))
                      .env(ENV)
                      .hostname("buildhost")),
          new Case(
              "pidns",
              true,
              (root, scratch) ->
                  SandboxSpec.builder(
                          root, List.of("sh", "-c", "echo $$; ls /dev | sort | tr '\\n' ' '"))
                      .env(ENV)),
          new Case(
              "networkNone",
              true,
              (root, scratch) ->
                  SandboxSpec.builder(
                          root,
                          List.of(
                              "sh",
                              "-c",
                              "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; ip link show lo | grep -o ',UP'"))
                      .env(ENV)
                      .network(Network.NONE)),
          new Case(
              "mounts",
              true,
              (root, scratch) -> {
                Path secret = write(scratch.resolve("secret"), "s3cret\n");
                Path ro = write(scratch.resolve("ro/file"), "ro\n").getParent();
                return SandboxSpec.builder(
                        root,
                        List.of(
                            "sh",
                            "-c",
                            "cat /run/secrets/token; cat /mnt/ro/file; touch /mnt/ro/x 2>/dev/null && echo rw || echo ro;"
                                + " touch /cache/t/x && echo tmpfs; echo kept > /run/out"))
                    .env(ENV)
                    .mount(new SandboxMount.Bind(secret, "/run/secrets/token", true))
                    .mount(new SandboxMount.Bind(ro, "/mnt/ro", true))
                    .mount(new SandboxMount.Tmpfs("/cache/t", 1 << 20));
              }));

  private SandboxCases() {}

  static List<Result> runAll(Rootless rootless, Isolation isolation, Path dir) throws IOException {
    Sandbox sandbox = rootless.sandbox(isolation, Optional.empty()).sandbox();
    List<Result> results = new ArrayList<>();
    for (Case c : ALL) {
      if (isolation == Isolation.CHROOT && c.needsNamespaces()) {
        continue;
      }
      results.add(run(sandbox, c, Files.createDirectories(dir.resolve(c.name()))));
    }
    return results;
  }

  static Result run(Sandbox sandbox, Case c, Path dir) throws IOException {
    Path root = BusyboxRootfs.create(dir.resolve("rootfs"));
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    TreeSet<String> before = BusyboxRootfs.listing(root);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SandboxResult r = sandbox.run(c.spec().apply(root, scratch).output(out, err).build());
    TreeSet<String> after = BusyboxRootfs.listing(root);
    after.removeAll(before);
    return new Result(
        c.name(),
        r.exitCode(),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        r.removedStubs(),
        new ArrayList<>(after));
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
