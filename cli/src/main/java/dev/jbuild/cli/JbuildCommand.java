package dev.jbuild.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code jbuild <command>}. */
@Command(
    name = "jbuild",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Build OCI container images from Dockerfiles, without a daemon and without root.",
    subcommands = {
      BuildCommand.class,
      UnshareCommand.class,
      VersionCommand.class,
      ImagesCommand.class,
      InspectCommand.class,
      TagCommand.class,
      RmiCommand.class,
      PruneCommand.class,
      DuCommand.class,
      PullCommand.class,
      PushCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      SaveCommand.class,
      LoadCommand.class
    })
final class JbuildCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
