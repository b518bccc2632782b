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

  public static void main(String[] args) throws Exception {
    Rootless rootless = Rootless.detect();
    rootless.warnings().forEach(w -> System.err.println("warning: " + w));
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "unshare":
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
