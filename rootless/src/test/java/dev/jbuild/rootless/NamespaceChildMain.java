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
  private static Host host(String mode) {
    Host h = Host.current();
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
    switch (args[0]) {
      case "unshare":
      case "unshare-without-range":
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
