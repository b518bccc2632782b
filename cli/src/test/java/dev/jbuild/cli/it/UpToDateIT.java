package dev.jbuild.cli.it;

import static dev.jbuild.cli.it.ItFixtures.buildBase;
import static dev.jbuild.cli.it.ItFixtures.context;
import static dev.jbuild.cli.it.ItFixtures.jbuild;
import static dev.jbuild.cli.it.ItFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged jar, as root and as an unprivileged user (whose build re-executes itself in a user
 * namespace for its RUN step): a no-op rebuild leaves an up-to-date record, the next identical
 * command is answered from it, and an edited source runs the RUN again.
 */
class UpToDateIT {
  private static final Pattern IMAGE = Pattern.compile("writing image (sha256:[0-9a-f]{64}) done");

  static Stream<Arguments> users() {
    return Stream.of(Arguments.of("root"), Arguments.of("unprivileged"));
  }

  private static JbuildProcess.Result build(JbuildProcess j, Path ctx) {
    JbuildProcess.Result r =
        j.run("build", "--progress=plain", "--root", store(j), "-t", "app:1", ctx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private static String imageId(JbuildProcess.Result r) {
    Matcher m = IMAGE.matcher(r.err());
    assertThat(m.find()).as(r.toString()).isTrue();
    return m.group(1);
  }

  private static Object record(JbuildProcess j) throws IOException {
    try (Stream<Path> s = Files.list(Path.of(store(j)).resolve("uptodate"))) {
      List<Path> all = s.toList();
      assertThat(all).hasSize(1);
      return Files.readAttributes(all.get(0), "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
    }
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void aNoOpRebuildIsAnsweredFromItsRecordUntilASourceChanges(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(
            j, "ctx", "FROM jbuild-samples/busybox:1\nCOPY src /src/\nRUN cat /src/a.txt > /a\n");
    Files.createDirectories(ctx.resolve("src"));
    Files.writeString(ctx.resolve("src/a.txt"), "one\n");
    JbuildProcess.exec(List.of("chmod", "-R", "a+rwX", ctx.toString()), null);
    Thread.sleep(2500); // files changed within 2 s of a build's start leave no record

    build(j, ctx);
    String noop = imageId(build(j, ctx));
    Object record = record(j);
    JbuildProcess.Result answered = build(j, ctx);

    assertThat(record(j)).as("answered from the record, not rewritten").isEqualTo(record);
    assertThat(imageId(answered)).isEqualTo(noop);
    assertThat(answered.err()).containsPattern("RUN cat /src/a.txt > /a\n#\\d+ CACHED");

    Files.writeString(ctx.resolve("src/a.txt"), "two\n");
    JbuildProcess.Result edited = build(j, ctx);
    assertThat(edited.err()).doesNotContainPattern("RUN cat /src/a.txt > /a\n#\\d+ CACHED");
    assertThat(imageId(edited)).isNotEqualTo(noop);
  }
}
