package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstructionsTest {

  static Instruction only(String text) throws DockerfileException {
    List<Instruction> all = Dockerfile.parse("Dockerfile", "FROM scratch\n" + text).instructions();
    return all.get(all.size() - 1);
  }

  @Test
  void fromWithPlatformAndStageNameIsLowerCased() throws Exception {
    Dockerfile df =
        Dockerfile.parse("Dockerfile", "FROM --platform=linux/arm64 Golang:1 AS Build\n");
    Instruction.From from = (Instruction.From) df.instructions().get(0);
    assertThat(from.image()).isEqualTo("Golang:1");
    assertThat(from.stageName()).isEqualTo("build");
    assertThat(from.platform()).isEqualTo("linux/arm64");
    assertThat(from.location()).isEqualTo(new SourceRange(1, 1));
    assertThat(from.original()).isEqualTo("FROM --platform=linux/arm64 Golang:1 AS Build");
  }

  @Test
  void runShellFormKeepsOneCommandLineAndExecFormKeepsArgv() throws Exception {
    Instruction.Run shell = (Instruction.Run) only("RUN echo $HOME && ls");
    assertThat(shell.command())
        .isEqualTo(new Command(List.of("echo $HOME && ls"), true, List.of()));
    Instruction.Run exec = (Instruction.Run) only("RUN [\"ls\", \"-l\"]");
    assertThat(exec.command()).isEqualTo(new Command(List.of("ls", "-l"), false, List.of()));
  }

  @Test
  void runHeredocsAreAttachedWithTheirBodies() throws Exception {
    Instruction.Run run = (Instruction.Run) only("RUN <<EOF bash\nset -e\necho hi\nEOF\n");
    assertThat(run.command().heredocs())
        .containsExactly(new Heredoc("EOF", 0, true, false, "set -e\necho hi\n"));
    assertThat(run.location()).isEqualTo(new SourceRange(2, 5));
  }

  @Test
  void quotedHeredocDelimiterDisablesExpansionAndDashStripsTabs() throws Exception {
    Instruction.Copy copy =
        (Instruction.Copy) only("COPY <<-'EOT' /etc/motd\n\thello $USER\n\tEOT\n");
    assertThat(copy.inlineFiles()).containsExactly(new InlineFile("EOT", "hello $USER\n", false));
    assertThat(copy.sources()).isEmpty();
    assertThat(copy.dest()).isEqualTo("/etc/motd");
  }

  @Test
  void unterminatedHeredocIsASyntaxError() {
    assertThatThrownBy(() -> only("RUN <<EOF\necho\n"))
        .isInstanceOf(DockerfileSyntaxException.class)
        .hasMessage("Dockerfile:2:1: unterminated heredoc");
  }

  @Test
  void runMountsAreParsedWithDefaults() throws Exception {
    Instruction.Run run =
        (Instruction.Run)
            only(
                "RUN --mount=type=cache,target=/root/.cache,sharing=locked"
                    + " --mount=type=secret,id=npmrc --mount=type=bind,from=build,source=/out,target=/in"
                    + " --mount=type=tmpfs,target=/tmp,size=64m --network=none make");
    assertThat(run.network()).isEqualTo("none");
    assertThat(run.mounts()).hasSize(4);
    Mount cache = run.mounts().get(0);
    assertThat(cache.type()).isEqualTo(Mount.Type.CACHE);
    assertThat(cache.readOnly()).isFalse();
    assertThat(cache.id()).isEqualTo("/root/.cache");
    assertThat(cache.sharing()).isEqualTo("locked");
    Mount secret = run.mounts().get(1);
    assertThat(secret.target()).isEqualTo("/run/secrets/npmrc");
    assertThat(secret.readOnly()).isTrue();
    Mount bind = run.mounts().get(2);
    assertThat(bind.from()).isEqualTo("build");
    assertThat(bind.readOnly()).isTrue();
    assertThat(run.mounts().get(3).sizeBytes()).isEqualTo(64L << 20);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          COPY --chwon=1 a b          | unknown flag: chwon (did you mean chown?)
          COPY --link=maybe a b       | expecting boolean value for flag link, not: maybe
          COPY --from a b             | missing a value on flag: from
          COPY --from=a --from=b a b  | duplicate flag specified: from
          COPY a                      | COPY requires at least two arguments, but only one was provided. Destination could not be determined.
          COPY --chmod=999 a b        | invalid chmod parameter: 999
          ADD --checksum=md5:00 a b   | invalid checksum digest format: md5:00
          RUN --mount=type=cahce,target=/x ls | unsupported mount type "cahce" (did you mean cache?)
          RUN --mount=target=/x,color=red ls | unexpected key 'color' in 'color=red'
          RUN --mount=type=bind ls    | mount target not set in 'type=bind'
          RUN --network=bridge ls     | unsupported network mode "bridge"
          CMD --doit [ "a" ]          | unknown flag: doit
          SHELL /bin/sh -c            | SHELL requires the arguments to be in JSON form
          STOPSIGNAL                  | STOPSIGNAL requires exactly one argument
          WORKDIR                     | WORKDIR requires exactly one argument
          EXPOSE                      | EXPOSE requires at least one argument
          HEALTHCHECK NONE x          | HEALTHCHECK NONE takes no arguments
          HEALTHCHECK CONNECT TCP 7000 | Unknown type CONNECT in HEALTHCHECK (try CMD)
          HEALTHCHECK --interval=5 CMD true | time: invalid duration "5"
          HEALTHCHECK --timeout=-1s CMD true | Interval "timeout" cannot be negative
          HEALTHCHECK --retries=-1 CMD true | --retries cannot be negative (-1)
          HEALTHCHECK CMD             | Missing command after HEALTHCHECK CMD
          ONBUILD ONBUILD RUN x       | Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed
          ONBUILD FROM x              | FROM isn't allowed as an ONBUILD trigger
          ONBUILD MAINTAINER x        | MAINTAINER isn't allowed as an ONBUILD trigger
          FROM a b                    | FROM requires either one or three arguments
          FROM a AS 1x                | invalid name for build stage: "1x", name can't start with a number or contain symbols
          RUNN echo                   | unknown instruction: RUNN (did you mean RUN?)
          ARG =x                      | ARG names can not be blank
          VOLUME [""]                 | VOLUME specified can not be an empty string
          """)
  void invalidInstructionsAreRejectedWithTheReferenceMessage(String line, String message) {
    assertThatThrownBy(() -> only(line))
        .isInstanceOf(InvalidInstructionException.class)
        .extracting(e -> ((DockerfileException) e).detail())
        .isEqualTo(message);
  }

  @Test
  void envAndLabelKeepPairsInBothForms() throws Exception {
    Instruction.Env env = (Instruction.Env) only("ENV A=1 B=\"two words\"");
    assertThat(env.pairs())
        .containsExactly(new KeyValue("A", "1", false), new KeyValue("B", "\"two words\"", false));
    Instruction.Env legacy = (Instruction.Env) only("ENV PATH /usr/bin:$PATH");
    assertThat(legacy.pairs()).containsExactly(new KeyValue("PATH", "/usr/bin:$PATH", true));
  }

  @Test
  void argsWithAndWithoutDefaults() throws Exception {
    Instruction.Arg arg = (Instruction.Arg) only("ARG A B=2 C=");
    assertThat(arg.args())
        .containsExactly(new ArgDecl("A", null), new ArgDecl("B", "2"), new ArgDecl("C", ""));
  }

  @Test
  void healthcheckOptionsAreParsed() throws Exception {
    Instruction.Healthcheck hc =
        (Instruction.Healthcheck)
            only("HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f localhost");
    assertThat(hc.test()).containsExactly("CMD-SHELL", "curl -f localhost");
    assertThat(hc.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(hc.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(hc.retries()).isEqualTo(3);
    Instruction.Healthcheck none = (Instruction.Healthcheck) only("HEALTHCHECK NONE");
    assertThat(none.test()).containsExactly("NONE");
  }

  @Test
  void onbuildCarriesItsValidatedTriggerAndExpression() throws Exception {
    Instruction.Onbuild ob = (Instruction.Onbuild) only("ONBUILD COPY --chown=1:1 . /app");
    assertThat(ob.expression()).isEqualTo("COPY --chown=1:1 . /app");
    assertThat(ob.trigger()).isInstanceOf(Instruction.Copy.class);
    assertThat(((Instruction.Copy) ob.trigger()).chown()).isEqualTo("1:1");
  }

  @Test
  void copyAndAddFlags() throws Exception {
    Instruction.Copy copy =
        (Instruction.Copy)
            only(
                "COPY --from=0 --link --parents --chmod=u+x,go-w --exclude=*.md --exclude=x a b /d/");
    assertThat(copy.from()).isEqualTo("0");
    assertThat(copy.link()).isTrue();
    assertThat(copy.parents()).isTrue();
    assertThat(copy.chmod()).isEqualTo("u+x,go-w");
    assertThat(copy.excludes()).containsExactly("*.md", "x");
    assertThat(copy.sources()).containsExactly("a", "b");
    Instruction.Add add =
        (Instruction.Add)
            only("ADD --keep-git-dir --unpack=false --checksum=sha256:ab https://x/y.tgz /d");
    assertThat(add.keepGitDir()).isTrue();
    assertThat(add.unpack()).isFalse();
    assertThat(add.checksum()).isEqualTo("sha256:ab");
  }

  @Test
  void keywordsAreCaseInsensitiveAndMaintainerIsAccepted() throws Exception {
    assertThat(only("maintainer Jane <j@x>")).isInstanceOf(Instruction.Maintainer.class);
    assertThat(only("stopSignal SIGTERM").keyword()).isEqualTo("STOPSIGNAL");
  }

  @Test
  void errorMessageNamesFileLineColumnAndShowsCaretAndHint() {
    assertThatThrownBy(() -> Dockerfile.parse("app/Dockerfile", "FROM x\nCOPY --chwon=1:1 a /b\n"))
        .isInstanceOfSatisfying(
            InvalidInstructionException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("app/Dockerfile:2:6: unknown flag: chwon (did you mean chown?)");
              assertThat(e.userMessage())
                  .isEqualTo(
                      "app/Dockerfile:2:6: unknown flag: chwon (did you mean chown?)\n"
                          + "  COPY --chwon=1:1 a /b\n"
                          + "       ^\n"
                          + "hint: use --chown");
            });
  }
}
