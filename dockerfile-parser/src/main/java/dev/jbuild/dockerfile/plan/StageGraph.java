package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.BuildPlanException;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.StageBase;
import dev.jbuild.dockerfile.instructions.Suggest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Resolves bases and references between stages, then orders the ones the target needs. */
final class StageGraph {
  /** A stage as split from the file, FROM already expanded. */
  record RawStage(
      int index,
      Instruction.From from,
      String image,
      @Nullable String platform,
      List<Instruction> steps) {}

  private final String file;
  private final List<RawStage> raw;
  private final Map<String, Integer> byName = new HashMap<>();
  private final List<Stage> stages = new ArrayList<>();

  StageGraph(String file, List<RawStage> raw) throws DockerfileException {
    this.file = file;
    this.raw = raw;
    for (RawStage s : raw) {
      String name = s.from().stageName();
      if (name == null) {
        continue;
      }
      if (name.equals("scratch") || name.equals("context")) {
        throw error(
            s.from(),
            "invalid stage name \"" + name + "\", stage name is reserved",
            name,
            "pick another name for this stage");
      }
      Integer previous = byName.putIfAbsent(name, s.index());
      if (previous != null) {
        throw error(
            s.from(),
            "duplicate stage name \"" + name + "\"",
            name,
            "stage names must be unique; the first is on line "
                + raw.get(previous).from().location().startLine());
      }
    }
  }

  List<Stage> plan(@Nullable String target) throws DockerfileException {
    for (RawStage s : raw) {
      stages.add(resolve(s));
    }
    int targetIndex = raw.size() - 1;
    if (target != null && !target.isEmpty()) {
      Integer idx = byName.get(target.toLowerCase(Locale.ROOT));
      if (idx == null) {
        throw new BuildPlanException(
            "target stage \""
                + target
                + "\" could not be found"
                + Suggest.hint(target, byName.keySet()),
            byName.isEmpty()
                ? "this Dockerfile has no named stages; name one with FROM <image> AS <name>"
                : "stages: " + String.join(", ", new TreeSet<>(byName.keySet())));
      }
      targetIndex = idx;
    }
    List<Stage> order = new ArrayList<>();
    visit(targetIndex, new int[stages.size()], order);
    return order;
  }

  private void visit(int index, int[] state, List<Stage> order) throws DockerfileException {
    Stage stage = stages.get(index);
    if (state[index] == 2) {
      return;
    }
    if (state[index] == 1) {
      throw error(
          stage.from(),
          "circular dependency detected on stage: " + stage.displayName(),
          "",
          "remove the COPY --from or --mount from= that closes the loop");
    }
    state[index] = 1;
    for (int dep : stage.dependsOn()) {
      visit(dep, state, order);
    }
    state[index] = 2;
    order.add(stage);
  }

  private Stage resolve(RawStage s) throws DockerfileException {
    StageBase base = base(s);
    List<Instruction> steps = new ArrayList<>();
    TreeSet<Integer> deps = new TreeSet<>();
    if (base instanceof StageBase.StageRef ref) {
      deps.add(ref.index());
      for (Instruction parentStep : stages.get(ref.index()).steps()) {
        if (parentStep instanceof Instruction.Onbuild ob) {
          steps.add(ob.trigger());
        }
      }
    }
    steps.addAll(s.steps());
    List<String> images = new ArrayList<>();
    for (Instruction step : steps) {
      for (Refs.Ref ref : refs(step)) {
        Integer dep = reference(s, step, ref);
        if (dep != null) {
          deps.add(dep);
        } else if (!images.contains(ref.value())) {
          images.add(ref.value());
        }
      }
    }
    return new Stage(
        s.index(),
        s.from().stageName(),
        base,
        s.platform(),
        s.from(),
        steps,
        List.copyOf(deps),
        images);
  }

  private List<Refs.Ref> refs(Instruction step) throws DockerfileException {
    try {
      return Refs.of(step);
    } catch (DockerfileException e) {
      throw Locate.at(e, file, step, "--mount");
    }
  }

  private StageBase base(RawStage s) throws DockerfileException {
    if (s.image().equalsIgnoreCase("scratch")) {
      return new StageBase.Scratch();
    }
    Integer j = byName.get(s.image().toLowerCase(Locale.ROOT));
    if (j == null) {
      return new StageBase.ImageRef(s.image());
    }
    if (j == s.index()) {
      throw error(
          s.from(),
          "circular dependency detected on stage: " + s.image(),
          s.image(),
          "a stage cannot be built FROM itself");
    }
    if (j > s.index()) {
      throw error(
          s.from(),
          "base stage \""
              + s.image()
              + "\" is defined later (line "
              + raw.get(j).from().location().startLine()
              + ")",
          s.image(),
          "move that stage above this one");
    }
    return new StageBase.StageRef(j);
  }

  private @Nullable Integer reference(RawStage s, Instruction step, Refs.Ref ref)
      throws DockerfileException {
    String value = ref.value();
    if (value.contains("$")) {
      throw error(
          step,
          "'" + value + "': stage references (--from) do not support variable" + " expansion",
          ref.token(),
          "declare FROM " + value + " AS <alias> and use --from=<alias>");
    }
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        n = Integer.MAX_VALUE;
      }
      if (n >= s.index()) {
        throw error(
            step,
            "invalid stage index "
                + value
                + ": "
                + (n == s.index() ? "refers to the current stage" : "refers to a later stage"),
            ref.token(),
            "stage indexes count FROM lines from 0 and must name an earlier stage");
      }
      return n;
    }
    Integer j = byName.get(value.toLowerCase(Locale.ROOT));
    if (j != null && j == s.index()) {
      throw error(
          step,
          "circular dependency detected on stage: " + value,
          ref.token(),
          "a stage cannot copy from itself");
    }
    return j;
  }

  private DockerfileException error(Instruction ins, String message, String token, String hint) {
    return Locate.at(new BuildPlanException(message, hint), file, ins, token);
  }
}
