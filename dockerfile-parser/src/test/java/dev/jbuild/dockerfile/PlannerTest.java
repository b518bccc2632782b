package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final Platform AMD64 = new Platform("linux", "amd64", null);
  static final Platform ARM = new Platform("linux", "arm", "v7");

  static BuildPlan plan(String text, Map<String, String> args, String target) throws Exception {
    return BuildPlanner.plan(
        Dockerfile.parse("Dockerfile", text), new PlanRequest(args, target, AMD64, ARM));
  }

  static final String MULTI =
      """
      ARG GO=1.22
      FROM golang:${GO} AS build
      RUN go build
      FROM alpine AS unused
      RUN true
      FROM --platform=$BUILDPLATFORM busybox AS tools
      FROM scratch AS final
      COPY --from=build /app /app
      COPY --from=tools /bin/sh /sh
      COPY --from=nginx:1 /etc/nginx /etc/nginx
      FROM final AS extra
      """;

  @Test
  void targetPrunesStagesNothingDependsOnAndOrdersDependenciesFirst() throws Exception {
    BuildPlan plan = plan(MULTI, Map.of(), "final");
    assertThat(plan.stages()).extracting(Stage::name).containsExactly("build", "tools", "final");
    Stage fin = plan.target();
    assertThat(fin.index()).isEqualTo(3);
    assertThat(fin.base()).isEqualTo(new StageBase.Scratch());
    assertThat(fin.dependsOn()).containsExactly(0, 2);
    assertThat(fin.imageSources()).containsExactly("nginx:1");
  }

  @Test
  void lastStageIsTheDefaultTargetAndFromStageIsAStageRef() throws Exception {
    BuildPlan plan = plan(MULTI, Map.of(), null);
    assertThat(plan.target().name()).isEqualTo("extra");
    assertThat(plan.target().base()).isEqualTo(new StageBase.StageRef(3));
    assertThat(plan.stages()).extracting(Stage::index).containsExactly(0, 2, 3, 4);
  }

  @Test
  void globalArgsAndBuildArgsExpandFromAndPlatform() throws Exception {
    BuildPlan plan = plan(MULTI, Map.of("GO", "1.23"), "tools");
    assertThat(plan.stages()).hasSize(1);
    assertThat(plan.target().platform()).isEqualTo("linux/amd64");
    BuildPlan build = plan(MULTI, Map.of("GO", "1.23"), "build");
    assertThat(build.target().base()).isEqualTo(new StageBase.ImageRef("golang:1.23"));
    assertThat(plan(MULTI, Map.of(), "build").target().base())
        .isEqualTo(new StageBase.ImageRef("golang:1.22"));
  }

  @Test
  void automaticPlatformArgsAreAvailableToGlobalScope() throws Exception {
    BuildPlan plan = plan("FROM alpine-$TARGETARCH$TARGETVARIANT\n", Map.of(), null);
    assertThat(plan.target().base()).isEqualTo(new StageBase.ImageRef("alpine-armv7"));
    assertThat(plan.automaticArgs())
        .containsEntry("TARGETPLATFORM", "linux/arm/v7")
        .containsEntry("BUILDOS", "linux")
        .containsEntry("BUILDVARIANT", "");
  }

  @Test
  void copyFromByIndexIsADependency() throws Exception {
    BuildPlan plan = plan("FROM a\nFROM b\nCOPY --from=0 /x /y\n", Map.of(), null);
    assertThat(plan.target().dependsOn()).containsExactly(0);
    assertThat(plan.stages()).hasSize(2);
  }

  @Test
  void runMountFromIsADependency() throws Exception {
    BuildPlan plan =
        plan("FROM a AS deps\nFROM b\nRUN --mount=from=deps,target=/d ls /d\n", Map.of(), null);
    assertThat(plan.target().dependsOn()).containsExactly(0);
  }

  @Test
  void onbuildTriggersOfAParentStageRunFirstInTheChild() throws Exception {
    BuildPlan plan =
        plan("FROM a AS base\nONBUILD RUN echo child\nFROM base\nRUN echo own\n", Map.of(), null);
    assertThat(plan.target().steps())
        .extracting(Instruction::original)
        .containsExactly("RUN echo child", "RUN echo own");
  }

  @Test
  void unusedBuildArgsAreWarnedAboutButProxyArgsAreNot() throws Exception {
    BuildPlan plan =
        plan(
            "ARG USED\nFROM a\nARG ALSO\n",
            Map.of("USED", "1", "ALSO", "2", "NOPE", "3", "HTTP_PROXY", "http://p"),
            null);
    assertThat(plan.warnings())
        .extracting(Warning::message)
        .containsExactly("One or more build-args [NOPE] were not consumed");
  }

  @Test
  void circularCopyFromIsRejected() {
    assertThatThrownBy(
            () ->
                plan(
                    "FROM a AS x\nCOPY --from=y / /\nFROM b AS y\nCOPY --from=x / /\n",
                    Map.of(),
                    null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessageContaining("circular dependency detected on stage:");
  }

  @Test
  void copyFromItselfIsRejected() {
    assertThatThrownBy(() -> plan("FROM a AS x\nCOPY --from=x / /\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:2:6: circular dependency detected on stage: x");
  }

  @Test
  void fromALaterStageIsAForwardReferenceError() {
    assertThatThrownBy(() -> plan("FROM later AS first\nFROM a AS later\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:1:6: base stage \"later\" is defined later (line 2)");
  }

  @Test
  void copyFromIndexOfALaterStageIsRejected() {
    assertThatThrownBy(() -> plan("FROM a\nCOPY --from=1 / /\nFROM b\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessageContaining("invalid stage index 1: refers to a later stage");
  }

  @Test
  void unknownTargetSuggestsTheClosestStage() {
    assertThatThrownBy(() -> plan(MULTI, Map.of(), "buidl"))
        .isInstanceOfSatisfying(
            BuildPlanException.class,
            e -> {
              assertThat(e.detail())
                  .isEqualTo("target stage \"buidl\" could not be found (did you mean build?)");
              assertThat(e.hint()).isEqualTo("stages: build, extra, final, tools, unused");
            });
  }

  @Test
  void duplicateStageNamesAreRejected() {
    assertThatThrownBy(() -> plan("FROM a AS x\nFROM b AS X\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:2:11: duplicate stage name \"x\"");
  }

  @Test
  void copyFromWithAVariableSaysItIsNotExpanded() {
    assertThatThrownBy(() -> plan("ARG S=a\nFROM b\nCOPY --from=$S / /\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessageContaining("do not support variable expansion");
  }

  @Test
  void instructionsBeforeTheFirstFromOtherThanArgAreRejected() {
    assertThatThrownBy(() -> plan("RUN x\nFROM a\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:1:1: no build stage in current context");
  }

  @Test
  void blankBaseNameIsRejected() {
    assertThatThrownBy(() -> plan("ARG IMG\nFROM $IMG\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:2:6: base name ($IMG) should not be blank");
  }

  @Test
  void independentStagesHaveNoEdgesBetweenThem() throws Exception {
    BuildPlan plan = plan(MULTI, Map.of(), "final");
    assertThat(plan.stages().get(0).dependsOn()).isEmpty();
    assertThat(plan.stages().get(1).dependsOn()).isEmpty();
    assertThat(List.of(plan.stages().get(0).displayName())).containsExactly("build");
  }

  @Test
  void invalidFromPlatformIsRejectedAfterExpansion() {
    assertThatThrownBy(() -> plan("ARG P=linux\nFROM --platform=$P a\n", Map.of(), null))
        .isInstanceOf(BuildPlanException.class)
        .hasMessage("Dockerfile:2:6: invalid platform linux");
  }

  @Test
  void onbuildTriggersRunOnlyInTheDirectChild() throws Exception {
    BuildPlan plan =
        plan(
            "FROM a AS base\nONBUILD RUN echo child\nFROM base AS mid\nFROM mid\nRUN echo own\n",
            Map.of(),
            null);
    assertThat(plan.stage(1).orElseThrow().steps())
        .extracting(Instruction::original)
        .containsExactly("RUN echo child");
    assertThat(plan.target().steps())
        .extracting(Instruction::original)
        .containsExactly("RUN echo own");
  }
}
