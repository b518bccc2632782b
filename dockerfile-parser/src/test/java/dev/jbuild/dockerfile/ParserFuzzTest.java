package dev.jbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jbuild.dockerfile.ast.GoText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing: random and mutated Dockerfiles through parse, plan and expansion. Anything other
 * than a {@link DockerfileException} (or a hang, caught by the generous timeout) fails with the
 * seed, the iteration and the input. Reproduce with {@code -Djbuild.fuzz.seed=N}.
 */
class ParserFuzzTest {
  private static final int ITERATIONS = 100_000;
  private static final String[] TOKENS = {
    "\\",
    "\n",
    "\r\n",
    "\\\n",
    "`",
    "\t",
    " ",
    "  ",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    "\nEOF\n",
    "3<<EOF",
    "[",
    "]",
    "\"",
    "'",
    ",",
    "$",
    "${",
    "}",
    "${a:-",
    "${a/",
    "${a#",
    "}",
    ":",
    "?",
    "--",
    "--from=",
    "--mount=",
    "type=cache,target=/c",
    "--chmod=",
    "=",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "\uFEFF",
    "\u00a0",
    "é",
    "😀",
    "AS",
    "as",
    "ONBUILD ",
    "FROM ",
    "RUN ",
    "COPY ",
    "ADD ",
    "ENV ",
    "ARG ",
    "LABEL ",
    "HEALTHCHECK ",
    "CMD ",
    "SHELL ",
    "EXPOSE ",
    "VOLUME ",
    "USER ",
    "WORKDIR ",
    "STOPSIGNAL ",
    "MAINTAINER ",
    "NONE",
    "0",
    "1",
    "-1",
    "5s",
    "[\"a\", \"b\"]",
    "[1]",
    "[[[",
    "{\"a\":",
    "\\u00",
    "scratch",
    "x",
    "/a/b",
    "*",
    "**",
    "\u0000"
  };

  static List<String> seeds() throws IOException {
    List<String> seeds = new ArrayList<>();
    seeds.add(
        """
        # syntax=docker/dockerfile:1
        ARG BASE=alpine
        FROM --platform=$BUILDPLATFORM ${BASE}:3 AS build
        ARG TARGETARCH
        ENV A=1 B="two words" C=${A:-x}
        RUN --mount=type=cache,target=/root/.cache,id=c \\
            --mount=type=secret,id=s echo $A && make
        COPY --chown=1:1 --chmod=0644 <<EOF /etc/conf
        k=$A
        EOF
        RUN <<-'END' bash
        \techo hi
        \tEND
        FROM scratch
        COPY --from=build /out /
        HEALTHCHECK --interval=5s CMD ["true"]
        ONBUILD RUN echo x
        LABEL a=b c="d e"
        EXPOSE 80/tcp 443
        USER app:app
        WORKDIR /w
        VOLUME ["/v"]
        STOPSIGNAL SIGTERM
        SHELL ["/bin/sh", "-c"]
        CMD ["run"]
        """);
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("Dockerfile")).toList()) {
        seeds.add(Files.readString(p));
      }
    }
    return seeds;
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // hang guard only, far above the normal run
  void randomAndMutatedDockerfilesOnlyEverFailWithDockerfileException() throws IOException {
    long seed = Long.getLong("jbuild.fuzz.seed", 20261128L);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> seeds = seeds();
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      String input =
          random.nextInt(4) == 0
              ? generate(random)
              : mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        exercise(input);
        parsed++;
      } catch (DockerfileException e) {
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.userMessage()).startsWith(e.getMessage());
      } catch (Throwable t) {
        fail("seed " + seed + " iteration " + i + " input " + GoText.quote(input), t);
      }
    }
    assertThat(parsed).as("some inputs must be valid").isGreaterThan(ITERATIONS / 20);
  }

  private static void exercise(String input) throws DockerfileException {
    Dockerfile df = Dockerfile.parse("Dockerfile", input);
    assertThat(df.dump()).isNotNull();
    BuildPlan plan =
        BuildPlanner.plan(
            df,
            new PlanRequest(
                Map.of("A", "1"), null, PlannerTest.AMD64, new Platform("linux", "arm64", null)));
    for (Stage stage : plan.stages()) {
      StageScope scope = StageScope.start(plan, stage, List.of("PATH=/bin"));
      for (Instruction step : stage.steps()) {
        scope.apply(step);
      }
      scope.runEnvironment();
    }
  }

  private static String generate(SplittableRandom r) {
    StringBuilder out = new StringBuilder();
    int n = 1 + r.nextInt(40);
    for (int i = 0; i < n; i++) {
      out.append(TOKENS[r.nextInt(TOKENS.length)]);
    }
    return out.toString();
  }

  private static String mutate(String seed, SplittableRandom r) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + r.nextInt(6);
    for (int e = 0; e < edits; e++) {
      int pos = s.length() == 0 ? 0 : r.nextInt(s.length() + 1);
      switch (r.nextInt(5)) {
        case 0 -> s.insert(pos, TOKENS[r.nextInt(TOKENS.length)]);
        case 1 -> {
          if (pos < s.length()) {
            s.delete(pos, Math.min(s.length(), pos + 1 + r.nextInt(8)));
          }
        }
        case 2 -> {
          if (pos < s.length()) {
            s.setCharAt(pos, (char) r.nextInt(128));
          }
        }
        case 3 -> {
          int from = r.nextInt(s.length() + 1);
          int to = Math.min(s.length(), from + r.nextInt(40));
          s.insert(pos, s.substring(from, to));
        }
        default -> s.insert(pos, TOKENS[r.nextInt(TOKENS.length)].repeat(1 + r.nextInt(3)));
      }
    }
    return s.toString();
  }
}
