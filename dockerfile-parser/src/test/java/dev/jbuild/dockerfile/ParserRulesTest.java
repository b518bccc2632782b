package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Line-scanner rules of the reference that the vectors do not pin down. */
class ParserRulesTest {

  @Test
  void lineOf65535BytesIsAcceptedAndOneByteMoreIsRejected() throws Exception {
    String ok = "RUN " + "x".repeat(65535 - 4);
    assertThat(Dockerfile.parse("Dockerfile", "FROM a\n" + ok + "\n").instructions()).hasSize(2);
    String tooLong = ok + "x";
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "FROM a\n" + tooLong + "\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile:2: dockerfile line greater than max allowed size of 65535");
  }

  @Test
  void repeatedDirectiveIsAnErrorAndKeysAreCaseInsensitive() {
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "# escape=`\n# ESCAPE=\\\nFROM a\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile:2:1: only one escape parser directive can be used");
  }

  @Test
  void invalidEscapeTokenIsRejected() {
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "# escape=x\nFROM a\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile:1:1: invalid escape token 'x' does not match ` or \\");
  }

  @Test
  void directivesAfterTheFirstInstructionOrCommentAreComments() throws Exception {
    Dockerfile df =
        Dockerfile.parse("Dockerfile", "# syntax=a\n# hello\n# escape=`\nFROM a \\\n AS b\n");
    assertThat(df.directives()).containsOnlyKeys("syntax");
    assertThat(df.escape()).isEqualTo('\\');
    assertThat(df.dump()).isEqualTo("(from \"a\" \"AS\" \"b\")");
  }

  @Test
  void emptyContinuationLineIsAcceptedWithAWarning() throws Exception {
    Dockerfile df = Dockerfile.parse("Dockerfile", "FROM a\nRUN echo \\\n\n  hi\n");
    assertThat(df.dump()).endsWith("(run \"echo   hi\")");
    assertThat(df.warnings())
        .containsExactly(
            new Warning("Empty continuation line found in: RUN echo   hi", new SourceRange(4, 4)));
  }

  @Test
  void byteOrderMarkAndCrlfLineEndingsAreHandled() throws Exception {
    Dockerfile df = Dockerfile.parse("Dockerfile", "\uFEFFFROM a\r\nRUN b \\\r\n c\r\n");
    assertThat(df.dump()).isEqualTo("(from \"a\")\n(run \"b  c\")");
    assertThat(df.instructions().get(1).location()).isEqualTo(new SourceRange(2, 3));
  }

  @Test
  void nonStringJsonArrayIsAnErrorButInvalidJsonFallsBackToShellForm() throws Exception {
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "FROM a\nCMD [\"a\", 1]\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage(
            "Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only");
    Instruction.Cmd cmd =
        (Instruction.Cmd)
            Dockerfile.parse("Dockerfile", "FROM a\nCMD [\"a\", 1\n").instructions().get(1);
    assertThat(cmd.command().shellForm()).isTrue();
    assertThat(cmd.command().args()).containsExactly("[\"a\", 1");
  }

  @Test
  void severalHeredocsOnOneLineAreReadInOrderAndScriptsAreRecognised() throws Exception {
    Instruction.Run run =
        (Instruction.Run)
            Dockerfile.parse(
                    "Dockerfile", "FROM a\nRUN <<A <<B\n#!/usr/bin/env python3\nA\nb\nB\nCMD x\n")
                .instructions()
                .get(1);
    assertThat(run.command().heredocs()).extracting(Heredoc::name).containsExactly("A", "B");
    assertThat(run.command().heredocs().get(0).isScript()).isTrue();
    assertThat(run.location()).isEqualTo(new SourceRange(2, 6));
  }

  @Test
  void onbuildTriggersOfABaseImageParseAsInstructions() throws Exception {
    List<Instruction> triggers =
        Dockerfile.parseTriggers("base:1", List.of("RUN echo hi", "COPY . /app"));
    assertThat(triggers).hasSize(2);
    assertThat(triggers.get(1)).isInstanceOf(Instruction.Copy.class);
    assertThatThrownBy(() -> Dockerfile.parseTriggers("base:1", List.of("FROM x")))
        .isInstanceOf(InvalidInstructionException.class)
        .hasMessageContaining("FROM isn't allowed as an ONBUILD trigger");
  }

  @Test
  void fileWithOnlyCommentsHasNoInstructions() {
    assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "# just a comment\n\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessageContaining("file with no instructions");
  }
}
