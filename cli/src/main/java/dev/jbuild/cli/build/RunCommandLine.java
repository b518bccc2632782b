package dev.jbuild.cli.build;

import dev.jbuild.dockerfile.Command;
import dev.jbuild.dockerfile.Heredoc;
import dev.jbuild.image.ContainerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv a RUN executes. Shell form runs under the stage's SHELL; heredocs are handed to the
 * shell with the command line, so the shell itself feeds them (as BuildKit does), except a {@code
 * #!} body that is the whole command, which runs as a script.
 */
final class RunCommandLine {
  private RunCommandLine() {}

  private static final java.util.regex.Pattern ONLY_HEREDOC =
      java.util.regex.Pattern.compile("\\s*[0-9]*<<-?[\"']?[A-Za-z0-9_.-]+[\"']?\\s*");

  /** Where a {@code #!} heredoc script is mounted inside the sandbox. */
  static final String SCRIPT_DIR = "/dev/pipes/";

  static List<String> argv(Command command, ContainerConfig config) {
    if (!command.shellForm() || command.heredocs().isEmpty()) {
      return MetadataSteps.argv(command, config);
    }
    if (isWholeHeredoc(command)) {
      Heredoc h = command.heredocs().get(0);
      if (h.isScript()) {
        return List.of(SCRIPT_DIR + h.name());
      }
      List<String> argv = new ArrayList<>(MetadataSteps.shell(config));
      argv.add(h.effectiveContent());
      return argv;
    }
    StringBuilder script = new StringBuilder(String.join(" ", command.args()));
    for (Heredoc h : command.heredocs()) {
      script.append('\n').append(h.content());
      if (!h.content().endsWith("\n") && !h.content().isEmpty()) {
        script.append('\n');
      }
      script.append(h.name());
    }
    List<String> argv = new ArrayList<>(MetadataSteps.shell(config));
    argv.add(script.toString());
    return argv;
  }

  /** A RUN whose command is nothing but one heredoc: its body is the script. */
  static boolean isWholeHeredoc(Command command) {
    return command.heredocs().size() == 1
        && ONLY_HEREDOC.matcher(String.join(" ", command.args())).matches();
  }

  /** BuildKit's history text: {@code RUN /bin/sh -c echo hi # buildkit}. */
  static String history(List<String> argv) {
    return "RUN " + String.join(" ", argv) + " # buildkit";
  }
}
