package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jbuild version}: the version, the JVM and the platform. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Show version information.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    var out = spec.commandLine().getOut();
    out.println("jbuild " + version());
    out.println(" Java:      " + System.getProperty("java.version"));
    out.println(" OS/Arch:   linux/" + PlatformNames.hostArchitecture());
    out.flush();
  }

  static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/jbuild-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** Supplies {@code jbuild --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jbuild version " + version()};
    }
  }
}
