package dev.jbuild.cli.it;

import static dev.jbuild.cli.it.ItFixtures.buildBase;
import static dev.jbuild.cli.it.ItFixtures.context;
import static dev.jbuild.cli.it.ItFixtures.jbuild;
import static dev.jbuild.cli.it.ItFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RUN end to end through the packaged CLI, as root and as an unprivileged user with a subuid range:
 * the busybox sample base is built first, then steps that chown, read the environment and fail.
 */
class RunStepsIT {
  static Stream<Arguments> users() {
    return Stream.of(Arguments.of("root"), Arguments.of("unprivileged"));
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void runKeepsOwnersAndSeesOnlyTheImageEnvironment(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
            "ctx",
            "FROM jbuild-samples/busybox:1\n"
                + "ENV GREETING=hello\n"
                + "ARG LEVEL=3\n"
                + "RUN touch /owned && chown 54321:43210 /owned && env | sort > /env.txt\n"
                + "RUN echo \"$GREETING $LEVEL\" > /msg && rm /bin/vi\n"
                + "USER app\n"
                + "WORKDIR /home/app/work\n"
                + "RUN id -u > uid.txt && pwd > pwd.txt\n");
    Path layout = j.home().resolve("layout");
    JbuildProcess.Result r =
        j.run(
            "build",
            "--progress=plain",
            "--root",
            j.home().resolve("store").toString(),
            "-o",
            "type=oci,dest=" + layout + ",tar=false",
            "-t",
            "app:1",
            ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("RUN isolation:");

    Path fs = j.home().resolve("fs");
    JbuildProcess.Result local =
        j.run(
            "build",
            "--root",
            j.home().resolve("store").toString(),
            "-o",
            fs.toString(),
            ctx.toString());
    assertThat(local.exit()).as(local.toString()).isZero();
    String env = Files.readString(fs.resolve("env.txt"));
    assertThat(env).contains("GREETING=hello", "LEVEL=3", "HOME=/root", "PATH=/usr/local/sbin:");
    assertThat(env).doesNotContain("HOST_SECRET_VAR", "must-not-leak", "SOURCE_DATE_EPOCH");
    assertThat(Files.readString(fs.resolve("msg")).strip()).isEqualTo("hello 3");
    assertThat(Files.readString(fs.resolve("home/app/work/uid.txt")).strip()).isEqualTo("1000");
    assertThat(Files.readString(fs.resolve("home/app/work/pwd.txt")).strip())
        .isEqualTo("/home/app/work");
    assertThat(fs.resolve("bin/vi")).doesNotExist();

    String listing = listing(layout);
    assertThat(listing).containsPattern("54321/43210 .* owned");
    assertThat(listing).containsPattern("\\.wh\\.vi");
    assertThat(listing).doesNotContain("etc/hosts", "etc/resolv.conf", "etc/hostname");
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void failingRunNamesTheLineAndExitCode(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx = context(j, "ctx", "FROM jbuild-samples/busybox:1\nRUN echo before\nRUN exit 3\n");
    JbuildProcess.Result r =
        j.run(
            "build",
            "--progress=plain",
            "--root",
            j.home().resolve("store").toString(),
            ctx.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("Dockerfile:3")
        .contains("did not complete successfully: exit code: 3")
        .doesNotContain("\tat ");
  }
}
