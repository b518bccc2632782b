package dev.jbuild.cli.it;

import static dev.jbuild.cli.it.ItFixtures.buildBase;
import static dev.jbuild.cli.it.ItFixtures.context;
import static dev.jbuild.cli.it.ItFixtures.jbuild;
import static dev.jbuild.cli.it.ItFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.cli.e2e.StepLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RUN steps and the build cache through the packaged CLI, as root and unprivileged: a RUN is cached
 * on its text, the ARGs in scope and the contents of what it bind-mounts; not on proxy args, secret
 * contents, cache-mount contents or file times.
 */
class BuildCacheIT {
  private static final String RUN_BIND =
      "RUN --mount=type=bind,source=in,target=/in cat /in/f > /o1";
  private static final String RUN_CACHE =
      "RUN --mount=type=cache,target=/c echo $A > /o2 && date >> /c/stamp";
  private static final String RUN_SECRET =
      "RUN --mount=type=secret,id=s cat /run/secrets/s > /dev/null && echo ok > /o3";
  private static final List<String> ALL = List.of(RUN_BIND, RUN_CACHE, RUN_SECRET);

  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"root", "unprivileged"})
  void runStepsMissExactlyWhenTheirKeyInputsChange(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
            "cache-ctx",
            "FROM jbuild-samples/busybox:1\nARG A=1\n"
                + RUN_BIND
                + "\n"
                + RUN_CACHE
                + "\n"
                + RUN_SECRET
                + "\n");
    Path in = Files.createDirectories(ctx.resolve("in")).resolve("f");
    Files.writeString(in, "one");
    Path secret = j.home().resolve("cache-secret.txt");
    Files.writeString(secret, "first");
    JbuildProcess.exec(List.of("chmod", "-R", "a+rwX", ctx.toString(), secret.toString()), null);
    String s = "id=s,src=" + secret;

    assertThat(ran(j, ctx, "--secret", s)).isEqualTo(ALL);
    assertThat(ran(j, ctx, "--secret", s)).as("same inputs").isEmpty();

    Files.setLastModifiedTime(in, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    assertThat(ran(j, ctx, "--secret", s)).as("mtime of a bound file").isEmpty();

    Files.writeString(secret, "second");
    assertThat(ran(j, ctx, "--secret", s)).as("secret contents").isEmpty();

    assertThat(ran(j, ctx, "--secret", s, "--build-arg", "HTTP_PROXY=http://proxy:3128"))
        .as("undeclared proxy arg")
        .isEmpty();

    assertThat(ran(j, ctx, "--secret", s, "--build-arg", "A=2")).as("ARG in scope").isEqualTo(ALL);
    assertThat(ran(j, ctx, "--secret", s)).as("back to the default value").isEmpty();

    Files.writeString(in, "two");
    assertThat(ran(j, ctx, "--secret", s)).as("content of a bound file").isEqualTo(ALL);

    assertThat(ran(j, ctx, "--secret", s, "--no-cache")).as("--no-cache").isEqualTo(ALL);
  }

  private static List<String> ran(JbuildProcess j, Path ctx, String... flags) {
    List<String> args =
        new ArrayList<>(List.of("build", "--progress=plain", "--root", store(j), "-t", "c:1"));
    args.addAll(List.of(flags));
    args.add(ctx.toString());
    JbuildProcess.Result r = j.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    List<String> ran = new ArrayList<>(StepLog.ran(r.err()));
    ran.remove("ARG A=1");
    ran.removeIf(step -> step.startsWith("FROM "));
    return ran;
  }
}
