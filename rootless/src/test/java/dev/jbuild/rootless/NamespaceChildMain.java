package dev.jbuild.rootless;

import java.util.Arrays;
import java.util.List;

/**
 * What the CLI will do, in a child JVM run as the unprivileged test user. Modes: {@code unshare
 * CMD...} runs CMD via {@link Rootless#runInNamespace}; {@code whoami} re-executes itself inside
 * the namespace when needed, then prints the privilege it sees.
 */
public final class NamespaceChildMain {
  private NamespaceChildMain() {}

  /** "unshare-without-range" pretends /etc/subuid and /etc/subgid have no entry for us. */
  private static Host host(String mode) throws java.io.IOException {
    Host h = Host.current();
    if (mode.equals("unshare-failing-newuidmap")) {
      java.nio.file.Path bin = java.nio.file.Files.createTempDirectory("fake-bin");
      java.nio.file.Path fake = bin.resolve("newuidmap");
      java.nio.file.Files.writeString(
          fake,
          "#!/bin/sh\necho 'newuidmap: write to uid_map failed: Operation not permitted' >&2\nexit 1\n");
      fake.toFile().setExecutable(true);
      java.util.List<java.nio.file.Path> path = new java.util.ArrayList<>();
      path.add(bin);
      path.addAll(h.tools().searchPath());
      return new Host(
          h.user(),
          h.env(),
          new Tools(path),
          h.subuidFile(),
          h.subgidFile(),
          h.procDir(),
          h.tempDir());
    }
    if (!mode.equals("unshare-without-range")) {
      return h;
    }
    java.nio.file.Path none = java.nio.file.Path.of("/nonexistent/subids");
    return new Host(h.user(), h.env(), h.tools(), none, none, h.procDir(), h.tempDir());
  }

  public static void main(String[] args) throws Exception {
    Rootless rootless = Rootless.detect(host(args[0]), UserNamespaceProbe.unshare());
    rootless.warnings().forEach(w -> System.err.println("warning: " + w));
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (args[0].equals("unshare-failing-newuidmap")) {
      try {
        rootless.runInNamespace(rest);
      } catch (RootlessException e) {
        System.err.println(e.getMessage());
        System.exit(3);
      }
    }
    switch (args[0]) {
      case "unshare":
      case "unshare-without-range":
      case "unshare-failing-newuidmap":
        System.exit(rootless.runInNamespace(rest));
        break;
      case "whoami":
        if (rootless.needsReexec()) {
          System.exit(rootless.runInNamespace(SelfCommand.current()));
        }
        System.out.println(rootless.privilege().getClass().getSimpleName());
        System.out.println(rootless.privilege());
        break;
      default:
        NamespaceScenarios.run(rootless, args[0], rest);
    }
  }
}
