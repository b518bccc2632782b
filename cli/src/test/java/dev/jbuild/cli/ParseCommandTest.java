package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cmd = new CommandLine(new ParseCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  Path write(String text) throws Exception {
    Path f = dir.resolve("Dockerfile");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void dumpPrintsTheReferenceAstFormat() throws Exception {
    Path f = write("FROM alpine\nCOPY --chown=1:1 [\"a b\", \"/c\"]\nONBUILD RUN echo hi\n");
    assertThat(run("--dump", "-f", f.toString())).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "(from \"alpine\")\n(copy [\"--chown=1:1\"] \"a b\" \"/c\")\n"
                + "(onbuild (run \"echo hi\"))\n");
  }

  @Test
  void planPrintsStagesWithExpandedWordsForTheTargetAndBuildArgs() throws Exception {
    Path f =
        write(
            "ARG V=1\nFROM golang:$V AS build\nARG OUT=/out\nWORKDIR $OUT\n"
                + "FROM alpine AS unused\nFROM scratch AS final\nCOPY --from=build /out /app\n");
    assertThat(run("--plan", "-f", f.toString(), "--build-arg", "V=2", "--target", "final"))
        .isZero();
    JsonNode plan = new ObjectMapper().readTree(out.toString());
    assertThat(plan.get("target").asText()).isEqualTo("final");
    JsonNode stages = plan.get("stages");
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0).get("base").get("reference").asText()).isEqualTo("golang:2");
    assertThat(stages.get(0).get("steps").get(1).get("expanded").get("path").asText())
        .isEqualTo("/out");
    assertThat(stages.get(1).get("dependsOn").get(0).asInt()).isZero();
  }

  @Test
  void parseErrorPrintsLocationCaretAndHintWithoutStackTrace() throws Exception {
    Path f = write("FROM alpine\nCOPY --chwon=1 a b\n");
    assertThat(run("-f", f.toString())).isEqualTo(1);
    assertThat(err.toString())
        .startsWith(f + ":2:6: unknown flag: chwon (did you mean chown?)\n")
        .contains("  COPY --chwon=1 a b\n       ^\n")
        .contains("hint: use --chown")
        .doesNotContain("at dev.jbuild");
  }

  @Test
  void missingFileIsAOneLineError() {
    assertThat(run("-f", dir.resolve("nope").toString())).isEqualTo(1);
    assertThat(err.toString().strip()).endsWith("no such file (give the path with -f)");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void unknownTargetIsReportedWithSuggestion() throws Exception {
    Path f = write("FROM a AS build\nFROM b AS final\n");
    assertThat(run("--plan", "-f", f.toString(), "--target", "biuld")).isEqualTo(1);
    assertThat(err.toString())
        .contains("target stage \"biuld\" could not be found (did you mean build?)");
  }
}
