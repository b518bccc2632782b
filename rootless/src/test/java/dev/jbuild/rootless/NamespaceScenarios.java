package dev.jbuild.rootless;

import java.util.List;

/** Scenarios the child JVM runs inside the namespace (overlay, sandbox), by name. */
final class NamespaceScenarios {
  private NamespaceScenarios() {}

  static void run(Rootless rootless, String name, List<String> args) throws Exception {
    if (rootless.needsReexec()) {
      System.exit(rootless.runInNamespace(SelfCommand.current()));
    }
    throw new IllegalArgumentException("unknown scenario " + name);
  }
}
