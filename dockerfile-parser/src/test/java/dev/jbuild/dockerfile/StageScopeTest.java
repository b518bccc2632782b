package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageScopeTest {

  /** Applies every step of the target stage; returns the expanded steps. */
  static List<Instruction> run(
      String text, Map<String, String> args, List<String> baseEnv, List<StageScope> out)
      throws Exception {
    BuildPlan plan = PlannerTest.plan(text, args, null);
    StageScope scope = StageScope.start(plan, plan.target(), baseEnv);
    List<Instruction> expanded = new ArrayList<>();
    for (Instruction step : plan.target().steps()) {
      expanded.add(scope.apply(step));
    }
    out.add(scope);
    return expanded;
  }

  @Test
  void envValuesAreExpandedWithTheValuesFromBeforeTheInstruction() throws Exception {
    List<StageScope> s = new ArrayList<>();
    List<Instruction> steps =
        run("FROM a\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n", Map.of(), List.of(), s);
    assertThat(((Instruction.Env) steps.get(1)).pairs())
        .containsExactly(new KeyValue("abc", "bye", false), new KeyValue("def", "hello", false));
    assertThat(s.get(0).env()).containsExactly("abc=bye", "def=hello", "ghi=bye");
  }

  @Test
  void baseImageEnvIsVisibleToWords() throws Exception {
    List<Instruction> steps =
        run(
            "FROM a\nWORKDIR $HOME/src\nUSER ${U:-nobody}\n",
            Map.of(),
            List.of("HOME=/root"),
            new ArrayList<>());
    assertThat(((Instruction.Workdir) steps.get(0)).path()).isEqualTo("/root/src");
    assertThat(((Instruction.User) steps.get(1)).user()).isEqualTo("nobody");
  }

  @Test
  void globalArgIsOnlyVisibleInsideAStageWhenRedeclared() throws Exception {
    List<Instruction> steps =
        run(
            "ARG V=1\nFROM a\nWORKDIR /a$V\nARG V\nWORKDIR /b$V\n",
            Map.of(),
            List.of(),
            new ArrayList<>());
    assertThat(((Instruction.Workdir) steps.get(0)).path()).isEqualTo("/a");
    assertThat(((Instruction.Workdir) steps.get(2)).path()).isEqualTo("/b1");
  }

  @Test
  void buildArgOverridesDefaultAndEnvOverridesArg() throws Exception {
    List<StageScope> s = new ArrayList<>();
    run("FROM a\nARG A=def B=def\nENV B=env\n", Map.of("A", "cli"), List.of(), s);
    assertThat(s.get(0).runEnvironment()).containsExactly("B=env", "A=cli");
    assertThat(s.get(0).env()).containsExactly("B=env");
    assertThat(s.get(0).historyArgs()).containsExactly("A=cli");
  }

  @Test
  void undeclaredBuildArgsAreNotUsedButProxyArgsReachRunOnly() throws Exception {
    List<StageScope> s = new ArrayList<>();
    List<Instruction> steps =
        run(
            "FROM a\nWORKDIR /$X$HTTP_PROXY\nRUN echo $X\n",
            Map.of("X", "1", "HTTP_PROXY", "http://proxy:3128"),
            List.of(),
            s);
    assertThat(((Instruction.Workdir) steps.get(0)).path()).isEqualTo("/");
    assertThat(((Instruction.Run) steps.get(1)).command().args()).containsExactly("echo $X");
    assertThat(s.get(0).runEnvironment()).containsExactly("HTTP_PROXY=http://proxy:3128");
    assertThat(s.get(0).historyArgs()).isEmpty();
  }

  @Test
  void automaticPlatformArgNeedsADeclarationInsideAStage() throws Exception {
    List<Instruction> steps =
        run(
            "FROM a\nWORKDIR /$TARGETARCH\nARG TARGETARCH\nWORKDIR /$TARGETARCH\n",
            Map.of(),
            List.of(),
            new ArrayList<>());
    assertThat(((Instruction.Workdir) steps.get(0)).path()).isEqualTo("/");
    assertThat(((Instruction.Workdir) steps.get(2)).path()).isEqualTo("/arm");
  }

  @Test
  void copyWordsAreExpandedButFromIsNotAndHeredocQuotesAreKept() throws Exception {
    List<Instruction> steps =
        run(
            "FROM a AS b\nFROM b\nARG D=/dst U=app\n"
                + "COPY --from=b --chown=$U:$U --exclude=$U.md src/$U <<EOF $D/\necho \"$U\" '$D'\nEOF\n",
            Map.of(),
            List.of(),
            new ArrayList<>());
    Instruction.Copy copy = (Instruction.Copy) steps.get(1);
    assertThat(copy.from()).isEqualTo("b");
    assertThat(copy.chown()).isEqualTo("app:app");
    assertThat(copy.excludes()).containsExactly("app.md");
    assertThat(copy.sources()).containsExactly("src/app");
    assertThat(copy.dest()).isEqualTo("/dst/");
    assertThat(copy.inlineFiles())
        .containsExactly(new InlineFile("EOF", "echo \"app\" '/dst'\n", true));
  }

  @Test
  void runMountValuesAreExpanded() throws Exception {
    List<Instruction> steps =
        run(
            "FROM a\nARG C=/cache\nRUN --mount=type=cache,target=$C,uid=${UID:-1000} make\n",
            Map.of(),
            List.of(),
            new ArrayList<>());
    Mount m = ((Instruction.Run) steps.get(1)).mounts().get(0);
    assertThat(m.target()).isEqualTo("/cache");
    assertThat(m.uid()).isEqualTo(1000);
  }

  @Test
  void expansionErrorsAreLocatedAtTheStep() {
    assertThatThrownBy(
            () ->
                run(
                    "FROM a\nWORKDIR ${NOPE:?must be set}\n",
                    Map.of(),
                    List.of(),
                    new ArrayList<>()))
        .isInstanceOf(ExpansionException.class)
        .hasMessage(
            "Dockerfile:2:9: failed to process \"${NOPE:?must be set}\": NOPE: must be set");
  }

  @Test
  void exposedPortsAreExpandedAndValidated() throws Exception {
    List<Instruction> steps =
        run(
            "FROM a\nARG P=8080\nEXPOSE $P 53/udp 7000-7010\n",
            Map.of(),
            List.of(),
            new ArrayList<>());
    assertThat(((Instruction.Expose) steps.get(1)).ports())
        .containsExactly("8080", "53/udp", "7000-7010");
    assertThatThrownBy(
            () -> run("FROM a\nEXPOSE 80/tcpx\n", Map.of(), List.of(), new ArrayList<>()))
        .isInstanceOf(InvalidInstructionException.class)
        .hasMessage("Dockerfile:2:1: invalid proto: tcpx");
    assertThatThrownBy(() -> run("FROM a\nEXPOSE http\n", Map.of(), List.of(), new ArrayList<>()))
        .isInstanceOf(InvalidInstructionException.class)
        .hasMessage("Dockerfile:2:1: invalid containerPort: http");
  }
}
