package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.instructions.MountSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The stage or image names a step reads from: {@code COPY --from} and {@code --mount from}. */
final class Refs {
  private Refs() {}

  /** A reference and the flag text to point the caret at. */
  record Ref(String value, String token) {}

  static List<Ref> of(Instruction step) throws InvalidInstructionException {
    List<Ref> out = new ArrayList<>();
    if (step instanceof Instruction.Copy copy && copy.from() != null) {
      out.add(new Ref(copy.from(), "--from"));
    }
    if (step instanceof Instruction.Run run) {
      for (String spec : run.mountSpecs()) {
        for (String field : MountSpecs.Csv.fields(spec)) {
          if (field.toLowerCase(Locale.ROOT).startsWith("from=")) {
            out.add(new Ref(field.substring(5), field));
          }
        }
      }
    }
    return out;
  }
}
