package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.dockerfile.Command;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.KeyValue;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.History;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.Platform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataStepsTest {
  private static final Instant NOW = Instant.parse("2026-02-03T04:05:06Z");
  private static final SourceRange L1 = new SourceRange(1, 1);

  private static StageState scratch() {
    return new StageState(ImageConfig.scratch(Platform.parse("linux/amd64")), List.of(), false);
  }

  private static StageState apply(StageState s, Instruction i) {
    StageState next = MetadataSteps.apply(i, s, NOW);
    assertThat(next).isNotNull();
    return next;
  }

  private static History lastHistory(StageState s) {
    List<History> h = s.config().history();
    return h.get(h.size() - 1);
  }

  @Test
  void shellFormCmdRunsUnderDefaultShellAndIsRecordedLikeBuildkit() {
    StageState s =
        apply(
            scratch(),
            new Instruction.Cmd(
                new Command(List.of("echo hi"), true, List.of()), L1, "CMD echo hi"));
    assertThat(s.container().cmd()).containsExactly("/bin/sh", "-c", "echo hi");
    assertThat(lastHistory(s).createdBy()).isEqualTo("CMD [\"/bin/sh\" \"-c\" \"echo hi\"]");
    assertThat(lastHistory(s).isEmptyLayer()).isTrue();
    assertThat(lastHistory(s).created()).isEqualTo(NOW);
  }

  @Test
  void entrypointClearsInheritedCmdButKeepsOneSetInThisStage() {
    StageState base =
        new StageState(
            scratch().config().withConfig(ContainerConfig.EMPTY.withCmd(List.of("base"))),
            List.of(),
            false);
    Instruction.Entrypoint ep =
        new Instruction.Entrypoint(
            new Command(List.of("/app"), false, List.of()), L1, "ENTRYPOINT [\"/app\"]");
    assertThat(apply(base, ep).container().cmd()).isNull();
    Instruction.Cmd cmd =
        new Instruction.Cmd(new Command(List.of("x"), false, List.of()), L1, "CMD [\"x\"]");
    assertThat(apply(apply(base, cmd), ep).container().cmd()).containsExactly("x");
  }

  @Test
  void envAndLabelAndExposeWriteDockerShapedConfig() {
    StageState s =
        apply(
            scratch(),
            new Instruction.Env(
                List.of(new KeyValue("A", "1", false), new KeyValue("B", "x y", false)),
                L1,
                "ENV A=1 B=\"x y\""));
    s = apply(s, new Instruction.Label(List.of(new KeyValue("k", "v", false)), L1, "LABEL k=v"));
    s = apply(s, new Instruction.Expose(List.of("8080", "53/udp"), L1, "EXPOSE 8080 53/udp"));
    assertThat(s.container().env()).containsExactly("A=1", "B=x y");
    assertThat(s.container().labels()).containsEntry("k", "v");
    assertThat(s.container().exposedPorts()).containsExactly("53/udp", "8080/tcp");
    assertThat(lastHistory(s).createdBy()).isEqualTo("EXPOSE map[53/udp:{} 8080/tcp:{}]");
    assertThat(s.config().history().get(0).createdBy()).isEqualTo("ENV A=1 B=x y");
  }

  @Test
  void shellInstructionChangesTheShellOfLaterShellForms() {
    StageState s =
        apply(
            scratch(),
            new Instruction.Shell(
                List.of("/bin/bash", "-eo", "pipefail", "-c"), L1, "SHELL [...]"));
    s = apply(s, new Instruction.Cmd(new Command(List.of("ls"), true, List.of()), L1, "CMD ls"));
    assertThat(s.container().cmd()).containsExactly("/bin/bash", "-eo", "pipefail", "-c", "ls");
  }

  @Test
  void layerInstructionsAreNotMetadata() {
    assertThat(
            MetadataSteps.apply(
                new Instruction.Workdir("/app", L1, "WORKDIR /app"), scratch(), NOW))
        .isNull();
  }
}
