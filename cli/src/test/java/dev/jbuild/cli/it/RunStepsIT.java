package dev.jbuild.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static JbuildProcess jbuild(String who) throws Exception {
    return who.equals("root") ? JbuildProcess.asCurrentUser() : JbuildProcess.asTestUser();
  }

  private static Path repo() {
    return Path.of(System.getProperty("jbuild.repo.root", ".."));
  }

  private static Path context(JbuildProcess j, String dockerfile) throws Exception {
    Path ctx = Files.createDirectories(j.home().resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    JbuildProcess.exec(List.of("chmod", "-R", "a+rwX", ctx.toString()), null);
    return ctx;
  }

  private static void buildBase(JbuildProcess j) {
    JbuildProcess.Result base =
        j.run(
            "build",
            "--progress=plain",
            "--root",
            j.home().resolve("store").toString(),
            "--build-context",
            "busybox-bin=/bin",
            "-t",
            "jbuild-samples/busybox:1",
            repo().resolve("samples/busybox").toString());
    assertThat(base.exit()).as(base.toString()).isZero();
  }

  private static String layerListing(Path layout, String ref, Path work) throws Exception {
    Path unpacked = Files.createDirectories(work.resolve("copied"));
    JbuildProcess.Result copy =
        JbuildProcess.exec(
            List.of("skopeo", "copy", "oci:" + layout + ":" + ref, "dir:" + unpacked), null);
    assertThat(copy.exit()).as(copy.toString()).isZero();
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(unpacked)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        JbuildProcess.Result t =
            JbuildProcess.exec(List.of("tar", "--numeric-owner", "-tvzf", f.toString()), null);
        if (t.exit() == 0) {
          all.append(t.out());
        }
      }
    }
    return all.toString();
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void runKeepsOwnersAndSeesOnlyTheImageEnvironment(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j,
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

    String listing = layerListing(layout, "1", j.home());
    assertThat(listing).containsPattern("54321/43210 .* owned");
    assertThat(listing).containsPattern("\\.wh\\.vi");
    assertThat(listing).doesNotContain("etc/hosts", "etc/resolv.conf", "etc/hostname");
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void failingRunNamesTheLineAndExitCode(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx = context(j, "FROM jbuild-samples/busybox:1\nRUN echo before\nRUN exit 3\n");
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
