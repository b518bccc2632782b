package dev.jbuild.cli.it;

import static dev.jbuild.cli.it.ItFixtures.buildBase;
import static dev.jbuild.cli.it.ItFixtures.context;
import static dev.jbuild.cli.it.ItFixtures.jbuild;
import static dev.jbuild.cli.it.ItFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A RUN over COPY'd files, whose overlay lower dir is made of hard links into the store's file
 * pool, as root and as an unprivileged user with a subuid range: the RUN sees the files as the
 * image has them, one edited source adds one pool file, a RUN's writes never reach the pool, and
 * prune frees what no image keeps.
 */
class LowerPoolIT {
  private static final String STAT = "stat -c '%n %a %u:%g %Y %i'";

  static Stream<Arguments> users() {
    return Stream.of(Arguments.of("root"), Arguments.of("unprivileged"));
  }

  private static Path appContext(JbuildProcess j, String run) throws Exception {
    Path ctx =
        context(
            j,
            "ctx",
            "FROM jbuild-samples/busybox:1\n"
                + "COPY src /src/\n"
                + "COPY --chown=1000:1001 owned.txt /owned/\n"
                + "RUN "
                + run
                + "\n");
    Path src = Files.createDirectories(ctx.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "same\n");
    Files.writeString(src.resolve("b.txt"), "same\n");
    Files.writeString(src.resolve("tool.sh"), "#!/bin/sh\n");
    Files.writeString(ctx.resolve("owned.txt"), "mine\n");
    JbuildProcess.exec(List.of("chmod", "0644", src + "/a.txt", src + "/b.txt"), null);
    JbuildProcess.exec(List.of("chmod", "0754", src + "/tool.sh"), null);
    JbuildProcess.exec(List.of("chmod", "0644", ctx + "/owned.txt"), null);
    Files.setLastModifiedTime(
        src.resolve("a.txt"), FileTime.from(Instant.ofEpochSecond(1_600_000_000L)));
    return ctx;
  }

  private static JbuildProcess.Result build(JbuildProcess j, Path ctx, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("build", "--progress=plain", "--root", store(j)));
    args.addAll(List.of(more));
    args.add(ctx.toString());
    JbuildProcess.Result r = j.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private static long poolFiles(JbuildProcess j) throws IOException {
    Path pool = Path.of(store(j)).resolve("pool");
    if (!Files.isDirectory(pool)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(pool)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void runSeesCopiedFilesAsTheImageHasThemAndItsWritesNeverReachThePool(String who)
      throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        appContext(
            j,
            STAT
                + " /src/a.txt /src/b.txt /src/tool.sh /owned/owned.txt > /stat.txt"
                + " && cat /src/a.txt /src/b.txt /owned/owned.txt > /content.txt"
                + " && tar -cf /src.tar /src"
                + " && echo changed >> /src/a.txt");
    Path fs = j.home().resolve("fs");
    build(j, ctx, "-o", fs.toString());

    List<String> stat = Files.readAllLines(fs.resolve("stat.txt"));
    // SOURCE_DATE_EPOCH=1700000000 clamps the newer files' times, as in the layer
    assertThat(stat.get(0)).startsWith("/src/a.txt 644 0:0 1600000000 ");
    assertThat(stat.get(1)).startsWith("/src/b.txt 644 0:0 1700000000 ");
    assertThat(stat.get(2)).startsWith("/src/tool.sh 754 0:0 1700000000 ");
    assertThat(stat.get(3)).startsWith("/owned/owned.txt 644 1000:1001 1700000000 ");
    // identical files at two paths are two inodes: no hard link the image does not have
    assertThat(inode(stat.get(0))).isNotEqualTo(inode(stat.get(1)));
    assertThat(Files.readString(fs.resolve("content.txt"))).isEqualTo("same\nsame\nmine\n");
    JbuildProcess.Result tar =
        JbuildProcess.exec(List.of("tar", "-tvf", fs.resolve("src.tar").toString()), null);
    assertThat(tar.out()).contains("src/a.txt", "src/b.txt").doesNotContain("link to");
    assertThat(Files.readString(fs.resolve("src/a.txt"))).isEqualTo("same\nchanged\n");

    // Another RUN over the same COPY layers (cache hits) sees the original file.
    Files.writeString(
        ctx.resolve("Dockerfile"),
        Files.readString(ctx.resolve("Dockerfile"))
            .replaceAll("RUN .*", "RUN cat /src/a.txt > /a"));
    Path fs2 = j.home().resolve("fs2");
    build(j, ctx, "-o", fs2.toString());
    assertThat(Files.readString(fs2.resolve("a"))).isEqualTo("same\n");
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void rebuildAfterEditingOneSourceAddsExactlyOnePoolFile(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx = appContext(j, "cat /src/a.txt /src/b.txt > /both");
    build(j, ctx, "-t", "app:1");
    long before = poolFiles(j);
    assertThat(before).isGreaterThanOrEqualTo(4);

    Files.writeString(ctx.resolve("src/b.txt"), "edited\n");
    build(j, ctx, "-t", "app:1");

    assertThat(poolFiles(j)).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "as {0}")
  @MethodSource("users")
  void pruneAfterRmiFreesPoolFilesButKeepsThoseAKeptImageLinks(String who) throws Exception {
    JbuildProcess j = jbuild(who);
    buildBase(j);
    Path ctx =
        context(j, "ctx", "FROM jbuild-samples/busybox:1\nCOPY gone.txt /\nRUN cat /gone.txt\n");
    Files.writeString(ctx.resolve("gone.txt"), "only in the removed image\n");
    Path keep =
        context(j, "keep", "FROM jbuild-samples/busybox:1\nCOPY kept.txt /\nRUN cat /kept.txt\n");
    Files.writeString(keep.resolve("kept.txt"), "kept\n");
    JbuildProcess.exec(List.of("chmod", "-R", "a+rX", ctx.toString(), keep.toString()), null);
    build(j, ctx, "-t", "gone:1");
    build(j, keep, "-t", "kept:1");
    long before = poolFiles(j); // with the base image's busybox
    assertThat(j.run("rmi", "--root", store(j), "gone:1").exit()).isZero();
    ageStore(Path.of(store(j)));

    JbuildProcess.Result prune = j.run("prune", "--all", "--root", store(j));

    assertThat(prune.exit()).as(prune.toString()).isZero();
    assertThat(prune.out()).contains(", 1 pooled files");
    assertThat(prune.out()).doesNotContain("Total reclaimed space: 0B");
    assertThat(poolFiles(j)).isEqualTo(before - 1);
    JbuildProcess.Result again = build(j, keep, "--no-cache", "-t", "kept:1");
    assertThat(again.err()).contains("kept");
  }

  /** Backdates blobs, unpacked layers and cache entries, so prune may consider them. */
  private static void ageStore(Path store) throws IOException {
    FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    for (String dir : List.of("blobs/sha256", "layers", "cache")) {
      Path d = store.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.setLastModifiedTime(p, hourAgo);
        }
      }
    }
  }

  private static String inode(String statLine) {
    String[] f = statLine.split(" ");
    return f[f.length - 1];
  }
}
