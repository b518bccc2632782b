package dev.jbuild.rootless;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of the running JVM, for re-executing jbuild inside a namespace. */
public final class SelfCommand {
  private SelfCommand() {}

  /** Executable and arguments of this process, as the kernel recorded them. */
  public static List<String> current() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    String command =
        info.command().orElseThrow(() -> new RootlessException("cannot read this JVM's command"));
    List<String> argv = new ArrayList<>();
    argv.add(command);
    argv.addAll(Arrays.asList(info.arguments().orElse(new String[0])));
    return argv;
  }
}
