package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.ArgDecl;
import dev.jbuild.dockerfile.BuildPlan;
import dev.jbuild.dockerfile.BuildPlanException;
import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.PlanRequest;
import dev.jbuild.dockerfile.Platform;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.Warning;
import dev.jbuild.dockerfile.shell.ShellLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Global ARGs, stage split, FROM expansion, then the stage graph (see {@link StageGraph}). */
public final class Planner {
  private final Dockerfile df;
  private final PlanRequest req;
  private final ShellLexer lexer;
  private final Map<String, String> automatic;
  private final Map<String, String> global = new LinkedHashMap<>();
  private final Set<String> declared = new LinkedHashSet<>();

  private Planner(Dockerfile df, PlanRequest req) {
    this.df = df;
    this.req = req;
    this.lexer = ShellLexer.standard(df.escape());
    this.automatic = PredefinedArgs.platformArgs(req);
  }

  public static BuildPlan plan(Dockerfile df, PlanRequest req) throws DockerfileException {
    return new Planner(df, req).run();
  }

  private BuildPlan run() throws DockerfileException {
    List<Instruction> all = df.instructions();
    int i = 0;
    for (; i < all.size() && !(all.get(i) instanceof Instruction.From); i++) {
      Instruction ins = all.get(i);
      if (!(ins instanceof Instruction.Arg arg)) {
        throw Locate.at(
            new BuildPlanException(
                "no build stage in current context",
                "only ARG may come before the first FROM; add FROM <image> above this line"),
            df.file(),
            ins,
            "");
      }
      globalArg(arg);
    }
    if (i == all.size()) {
      throw new BuildPlanException(
              "dockerfile contains no stages to build", "add a FROM instruction")
          .at(new DockerfileException.Where(df.file(), 1, 1, ""));
    }
    List<StageGraph.RawStage> raw = new ArrayList<>();
    Instruction.From from = (Instruction.From) all.get(i);
    List<Instruction> steps = new ArrayList<>();
    for (i++; i <= all.size(); i++) {
      Instruction ins = i < all.size() ? all.get(i) : null;
      if (ins == null || ins instanceof Instruction.From) {
        raw.add(rawStage(raw.size(), from, steps));
        steps = new ArrayList<>();
        if (ins != null) {
          from = (Instruction.From) ins;
        }
      } else {
        steps.add(ins);
      }
    }
    StageGraph graph = new StageGraph(df.file(), raw);
    var stages = graph.plan(req.target());
    return new BuildPlan(
        df.file(), stages, global, automatic, req, df.escape(), unusedArgWarnings(stages));
  }

  private void globalArg(Instruction.Arg arg) throws DockerfileException {
    Map<String, String> updates = new LinkedHashMap<>();
    for (ArgDecl decl : arg.args()) {
      String name = decl.name();
      declared.add(name);
      String value = req.buildArgs().get(name);
      if (value == null && decl.defaultValue() != null) {
        value = expand(decl.defaultValue(), arg);
      }
      if (value != null) {
        updates.put(name, value);
      } else {
        global.remove(name);
      }
    }
    global.putAll(updates);
  }

  private StageGraph.RawStage rawStage(int index, Instruction.From from, List<Instruction> steps)
      throws DockerfileException {
    String image = expand(from.image(), from);
    if (image.isEmpty()) {
      throw Locate.at(
          new BuildPlanException(
              "base name (" + from.image() + ") should not be blank",
              "pass the variable with --build-arg or give the ARG a default"),
          df.file(),
          from,
          from.image());
    }
    String platform = from.platform() == null ? null : platform(from);
    return new StageGraph.RawStage(index, from, image, platform, List.copyOf(steps));
  }

  private String platform(Instruction.From from) throws DockerfileException {
    String raw = from.platform();
    String expanded = expand(raw == null ? "" : raw, from);
    try {
      return Platform.parse(expanded).toString();
    } catch (BuildPlanException e) {
      throw Locate.at(e, df.file(), from, "--platform");
    }
  }

  private String expand(String word, Instruction where) throws DockerfileException {
    try {
      return lexer.processWord(word, this::lookup);
    } catch (DockerfileException e) {
      throw Locate.at(e, df.file(), where, word);
    }
  }

  private @Nullable String lookup(String name) {
    String v = global.get(name);
    return v != null ? v : automatic.get(name);
  }

  private List<Warning> unusedArgWarnings(List<dev.jbuild.dockerfile.Stage> stages) {
    Set<String> used = new LinkedHashSet<>(declared);
    for (var stage : stages) {
      for (Instruction step : stage.steps()) {
        if (step instanceof Instruction.Arg a) {
          a.args().forEach(d -> used.add(d.name()));
        }
      }
    }
    Set<String> unused = new TreeSet<>();
    for (String name : req.buildArgs().keySet()) {
      if (!used.contains(name) && !PredefinedArgs.isBuiltin(name)) {
        unused.add(name);
      }
    }
    if (unused.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Warning(
            "One or more build-args " + unused + " were not consumed", new SourceRange(0, 0)));
  }
}
