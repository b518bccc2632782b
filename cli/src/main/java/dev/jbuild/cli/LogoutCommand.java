package dev.jbuild.cli;

import dev.jbuild.registry.RegistryException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jbuild logout REGISTRY}: removes stored credentials from every auth file and helper. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = "Remove stored credentials for a registry.")
final class LogoutCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RegistryCliOptions registry = new RegistryCliOptions();

  @Parameters(index = "0", paramLabel = "REGISTRY")
  String host = "";

  @Override
  public Integer call() {
    String reg = RegistryHost.normalize(host);
    boolean removed;
    try {
      removed = registry.credentialStore().logout(reg);
    } catch (RegistryException e) {
      throw new UserError(String.valueOf(e.getMessage()), e);
    }
    if (!removed) {
      throw new UserError("not logged in to " + reg + ": no stored credentials to remove");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Removed login credentials for " + reg);
    out.flush();
    return ExitCodes.OK;
  }
}
