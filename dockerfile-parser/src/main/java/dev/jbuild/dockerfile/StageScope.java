package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.plan.Locate;
import dev.jbuild.dockerfile.plan.PredefinedArgs;
import dev.jbuild.dockerfile.plan.StepExpander;
import dev.jbuild.dockerfile.shell.ShellLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ARG/ENV scope of one stage while the engine dispatches its steps: feed every step through
 * {@link #apply} in order. Not thread-safe; one per stage build.
 */
public final class StageScope implements StepExpander.Words {
  private final BuildPlan plan;
  private final String file;
  private final ShellLexer lexer;
  private final ShellLexer rawLexer = new ShellLexer('\\', false, false, true, false);
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, @Nullable String> args = new LinkedHashMap<>();
  private @Nullable Instruction current;

  private StageScope(BuildPlan plan, String file, List<String> baseImageEnv) {
    this.plan = plan;
    this.file = file;
    this.lexer = ShellLexer.standard(plan.escape());
    for (String kv : baseImageEnv) {
      int eq = kv.indexOf('=');
      env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
  }

  /**
   * Starts the scope of {@code stage} on top of its base's ENV ({@code "K=V"} entries: the image
   * config's Env, or {@link #env()} of the parent stage).
   */
  public static StageScope start(BuildPlan plan, Stage stage, List<String> baseImageEnv) {
    if (!plan.stages().contains(stage)) {
      throw new IllegalArgumentException(
          "[internal error] stage " + stage.index() + " is not in the plan");
    }
    return new StageScope(plan, plan.file(), baseImageEnv);
  }

  /**
   * Returns {@code step} with its words expanded as BuildKit does at that point, and updates the
   * scope for ARG and ENV.
   *
   * @throws ExpansionException a bad substitution or {@code ${v:?msg}} failure, located
   */
  public Instruction apply(Instruction step) throws DockerfileException {
    if (step instanceof Instruction.Arg arg) {
      return applyArg(arg);
    }
    Instruction expanded;
    current = step;
    try {
      expanded = StepExpander.expand(step, this);
    } catch (DockerfileException e) {
      throw e.line() > 0 ? e : Locate.at(e, file, step, "");
    } finally {
      current = null;
    }
    if (expanded instanceof Instruction.Env e) {
      e.pairs().forEach(kv -> env.put(kv.key(), kv.value()));
    }
    return expanded;
  }

  private Instruction applyArg(Instruction.Arg arg) throws DockerfileException {
    List<ArgDecl> out = new ArrayList<>();
    for (ArgDecl decl : arg.args()) {
      String name = decl.name();
      String value = plan.request().buildArgs().get(name);
      if (value == null && decl.defaultValue() != null) {
        try {
          value = expand(decl.defaultValue());
        } catch (DockerfileException e) {
          throw Locate.at(e, file, arg, decl.defaultValue());
        }
      }
      if (value == null) {
        value = plan.globalArgs().get(name);
      }
      if (value == null) {
        value = plan.automaticArgs().get(name);
      }
      args.put(name, value);
      out.add(new ArgDecl(name, value));
    }
    return new Instruction.Arg(out, arg.location(), arg.original());
  }

  @Override
  public String expand(String word) throws DockerfileException {
    try {
      return lexer.processWord(word, this::lookup);
    } catch (ExpansionException e) {
      Instruction step = current;
      throw step == null ? e : Locate.at(e, file, step, word);
    }
  }

  @Override
  public String expandRaw(String content) throws DockerfileException {
    return rawLexer.processWord(content, this::lookup);
  }

  /** The value a word sees for {@code name}: ENV first, then ARGs in scope; null if unset. */
  public @Nullable String lookup(String name) {
    String v = env.get(name);
    return v != null ? v : args.get(name);
  }

  /** The image config's Env as {@code K=V}, in order of first definition. */
  public List<String> env() {
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * The environment a RUN step sees: ENV, then ARGs in scope with a value (ENV wins), then proxy
   * build-args that no ENV or ARG defines.
   */
  public List<String> runEnvironment() {
    Map<String, String> all = new LinkedHashMap<>(env);
    args.forEach(
        (k, v) -> {
          if (v != null) {
            all.putIfAbsent(k, v);
          }
        });
    plan.request()
        .buildArgs()
        .forEach(
            (k, v) -> {
              if (PredefinedArgs.PROXY.contains(k)) {
                all.putIfAbsent(k, v);
              }
            });
    List<String> out = new ArrayList<>();
    all.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * The ARGs to record in a RUN step's history ({@code |N K=V ... cmd}): declared ARGs with a value
   * that no ENV shadows. Proxy build-args that were not declared never appear.
   */
  public List<String> historyArgs() {
    List<String> out = new ArrayList<>();
    args.forEach(
        (k, v) -> {
          if (v != null && !env.containsKey(k)) {
            out.add(k + "=" + v);
          }
        });
    return out;
  }
}
