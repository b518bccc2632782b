package dev.jbuild.rootless;

import java.nio.file.Path;
import java.util.List;

/** Scenarios the child JVM runs inside the namespace (overlay, sandbox), by name. */
final class NamespaceScenarios {
  private NamespaceScenarios() {}

  static void run(Rootless rootless, String name, List<String> args) throws Exception {
    if (name.equals("bench-userns")) {
      benchUserNamespace(rootless, Integer.parseInt(args.get(0)));
      return;
    }
    if (rootless.needsReexec()) {
      System.exit(rootless.runInNamespace(SelfCommand.current()));
    }
    switch (name) {
      case "overlay":
        OverlayFixture.mountAndChange(rootless.overlay(), Path.of(args.get(0)));
        System.out.println("overlay ok " + rootless.overlay().opaqueXattr());
        break;
      case "sandbox":
        for (SandboxCases.Result r :
            SandboxCases.runAll(rootless, Isolation.parse(args.get(0)), Path.of(args.get(1)))) {
          System.out.println(r.serialize());
        }
        break;
      case "stubs":
        System.out.println(
            StubsInUpper.run(rootless, Isolation.parse(args.get(0)), Path.of(args.get(1))));
        break;
      case "bench":
        benchSandbox(
            rootless,
            Isolation.parse(args.get(0)),
            Path.of(args.get(1)),
            Integer.parseInt(args.get(2)));
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + name);
    }
  }

  /** Mean wall time of a no-op step and of an overlay mount+unmount (for the report). */
  private static void benchSandbox(Rootless rootless, Isolation isolation, Path dir, int n)
      throws Exception {
    Path root = BusyboxRootfs.create(dir.resolve("rootfs"));
    Sandbox sandbox = rootless.sandbox(isolation, java.util.Optional.empty()).sandbox();
    SandboxSpec spec = SandboxSpec.builder(root, List.of("true")).env(List.of("PATH=/bin")).build();
    sandbox.run(spec);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sandbox.run(spec);
    }
    long step = (System.nanoTime() - t0) / n;
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Path d = java.nio.file.Files.createDirectories(dir.resolve("o" + i));
      Path u = java.nio.file.Files.createDirectory(d.resolve("u"));
      Path w = java.nio.file.Files.createDirectory(d.resolve("w"));
      Path m = java.nio.file.Files.createDirectory(d.resolve("m"));
      rootless.overlay().mount(List.of(root), u, w, m).close();
    }
    long overlay = (System.nanoTime() - t1) / n;
    System.out.printf(
        "%s: no-op step %.1f ms, overlay mount+unmount %.1f ms (mean of %d)%n",
        isolation.cliName(), step / 1e6, overlay / 1e6, n);
  }

  private static void benchUserNamespace(Rootless rootless, int n) {
    rootless.runInNamespace(List.of("true"));
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      rootless.runInNamespace(List.of("true"));
    }
    System.out.printf(
        "runInNamespace(true): %.1f ms (mean of %d)%n", (System.nanoTime() - t0) / 1e6 / n, n);
  }
}
