package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileException.Where;
import dev.jbuild.dockerfile.Instruction;
import java.util.Locale;

/** Attaches an instruction's file, line and the column of a token to an error. */
public final class Locate {
  private Locate() {}

  public static DockerfileException at(
      DockerfileException e, String file, Instruction ins, String token) {
    String source = ins.original();
    int nl = source.indexOf('\n');
    if (nl >= 0) {
      source = source.substring(0, nl);
    }
    int idx = token.isEmpty() ? -1 : source.indexOf(token);
    if (idx < 0 && !token.isEmpty()) {
      idx = source.toLowerCase(Locale.ROOT).indexOf(token.toLowerCase(Locale.ROOT));
    }
    return e.at(new Where(file, ins.location().startLine(), idx < 0 ? 1 : idx + 1, source));
  }
}
