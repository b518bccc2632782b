package dev.jbuild.cli;

import dev.jbuild.rootless.Rootless;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild unshare [cmd...]}: runs a command (default: a shell) in the user and mount
 * namespace jbuild builds in, with the caller as root and the subuid range mapped, as {@code
 * buildah unshare} does. Handy for looking at files owned by mapped ids.
 */
@Command(
    name = "unshare",
    mixinStandardHelpOptions = true,
    description = "Run a command in jbuild's user namespace (default: a shell).")
final class UnshareCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "Command and arguments.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    Rootless rootless = Rootless.detect();
    rootless.warnings().forEach(w -> System.err.println("WARNING: " + w));
    List<String> argv = command.isEmpty() ? rootless.defaultShell() : command;
    return rootless.runInNamespace(argv);
  }
}
