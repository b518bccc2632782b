package dev.jbuild.rootless;

import java.nio.file.Path;
import java.util.List;

/** Scenarios the child JVM runs inside the namespace (overlay, sandbox), by name. */
final class NamespaceScenarios {
  private NamespaceScenarios() {}

  static void run(Rootless rootless, String name, List<String> args) throws Exception {
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
      default:
        throw new IllegalArgumentException("unknown scenario " + name);
    }
  }
}
