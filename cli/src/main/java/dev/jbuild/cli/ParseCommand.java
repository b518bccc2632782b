package dev.jbuild.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.jbuild.dockerfile.BuildPlan;
import dev.jbuild.dockerfile.BuildPlanException;
import dev.jbuild.dockerfile.BuildPlanner;
import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.PlanRequest;
import dev.jbuild.dockerfile.Platform;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.StageBase;
import dev.jbuild.dockerfile.StageScope;
import dev.jbuild.dockerfile.Warning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jbuild parse}: checks a Dockerfile; prints its AST dump or its resolved build plan. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description =
        "Parse and check a Dockerfile; print the AST (--dump) or the build plan (--plan).")
public final class ParseCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      defaultValue = "Dockerfile",
      description = "Dockerfile path (default: ${DEFAULT-VALUE})")
  Path file = Path.of("Dockerfile");

  @Option(names = "--dump", description = "Print the AST in BuildKit's dump format")
  boolean dump;

  @Option(names = "--plan", description = "Print the resolved build plan as JSON")
  boolean plan;

  @Option(
      names = "--build-arg",
      paramLabel = "KEY[=VALUE]",
      description = "Build-time variable; KEY alone takes the value from the environment")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--target", description = "Stage to build (default: the last)")
  @Nullable String target;

  @Option(
      names = "--platform",
      description = "Target platform os/arch[/variant] (default: this machine's)")
  @Nullable String platform;

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("jbuild parse: " + file + ": no such file (give the path with -f)");
      return 1;
    } catch (IOException e) {
      err.println("jbuild parse: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    try {
      Dockerfile df = Dockerfile.parse(file.toString(), text);
      printWarnings(df.warnings(), err);
      if (dump) {
        out.println(df.dump());
      }
      if (plan) {
        BuildPlan built = BuildPlanner.plan(df, request());
        printWarnings(built.warnings(), err);
        out.println(json().writeValueAsString(planJson(built)));
      }
      if (!dump && !plan) {
        out.println(file + ": " + df.instructions().size() + " instructions, OK");
      }
      out.flush();
      return 0;
    } catch (DockerfileException e) {
      err.println(e.userMessage());
      return 1;
    } catch (IOException e) {
      err.println("jbuild parse: [internal error] cannot write JSON: " + e.getMessage());
      return 1;
    }
  }

  private PlanRequest request() throws BuildPlanException {
    Map<String, String> args = new LinkedHashMap<>();
    for (String arg : buildArgs) {
      int eq = arg.indexOf('=');
      if (eq == 0) {
        throw new BuildPlanException("invalid --build-arg " + arg, "write --build-arg KEY=VALUE");
      }
      if (eq > 0) {
        args.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (System.getenv(arg) != null) {
        args.put(arg, System.getenv(arg));
      }
    }
    Platform host = hostPlatform();
    Platform targetPlatform = platform == null ? host : Platform.parse(platform);
    return new PlanRequest(args, target, host, targetPlatform);
  }

  static Platform hostPlatform() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          default -> arch;
        };
    return new Platform("linux", goArch, null);
  }

  private static void printWarnings(List<Warning> warnings, PrintWriter err) {
    for (Warning w : warnings) {
      String where = w.location().startLine() > 0 ? "line " + w.location().startLine() + ": " : "";
      err.println("warning: " + where + w.message());
    }
  }

  /** The plan as plain maps: stages in build order, each step with its words expanded. */
  private static Map<String, Object> planJson(BuildPlan plan) throws DockerfileException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", plan.target().displayName());
    root.put("buildPlatform", plan.request().buildPlatform().toString());
    root.put("targetPlatform", plan.request().targetPlatform().toString());
    root.put("buildArgs", plan.request().buildArgs());
    root.put("globalArgs", plan.globalArgs());
    root.put("note", "base image ENV is not known before pull; expansion here starts empty");
    List<Object> stages = new ArrayList<>();
    Map<Integer, List<String>> envAfter = new HashMap<>();
    for (Stage stage : plan.stages()) {
      List<String> baseEnv =
          stage.base() instanceof StageBase.StageRef ref
              ? envAfter.getOrDefault(ref.index(), List.of())
              : List.of();
      StageScope scope = StageScope.start(plan, stage, baseEnv);
      List<Object> steps = new ArrayList<>();
      for (Instruction step : stage.steps()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("line", step.location().startLine());
        s.put("keyword", step.keyword());
        s.put("original", step.original());
        s.put("expanded", scope.apply(step));
        steps.add(s);
      }
      envAfter.put(stage.index(), scope.env());
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("index", stage.index());
      st.put("name", stage.name());
      st.put("base", base(stage.base()));
      st.put("platform", stage.platform());
      st.put("dependsOn", stage.dependsOn());
      st.put("imageSources", stage.imageSources());
      st.put("steps", steps);
      st.put("env", scope.env());
      stages.add(st);
    }
    root.put("stages", stages);
    return root;
  }

  private static Map<String, Object> base(StageBase base) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (base instanceof StageBase.Scratch) {
      out.put("type", "scratch");
    } else if (base instanceof StageBase.StageRef ref) {
      out.put("type", "stage");
      out.put("index", ref.index());
    } else if (base instanceof StageBase.ImageRef img) {
      out.put("type", "image");
      out.put("reference", img.reference());
    }
    return out;
  }

  private static ObjectMapper json() {
    SimpleModule durations = new SimpleModule();
    durations.addSerializer(
        Duration.class,
        new JsonSerializer<Duration>() {
          @Override
          public void serialize(Duration d, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(d.toString());
          }
        });
    return new ObjectMapper().registerModule(durations).enable(SerializationFeature.INDENT_OUTPUT);
  }

  private PrintWriter out() {
    return spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
  }

  private PrintWriter err() {
    return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
  }
}
