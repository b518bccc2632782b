package dev.jbuild.dockerfile;

import java.util.List;

/**
 * The command of RUN, CMD or ENTRYPOINT.
 *
 * @param args exec form: the argv; shell form: one element, the command line for the shell
 * @param shellForm true when written without JSON (the stage's SHELL is prepended)
 * @param heredocs RUN heredoc bodies, in order of appearance
 */
public record Command(List<String> args, boolean shellForm, List<Heredoc> heredocs) {
  public Command {
    args = List.copyOf(args);
    heredocs = List.copyOf(heredocs);
  }
}
