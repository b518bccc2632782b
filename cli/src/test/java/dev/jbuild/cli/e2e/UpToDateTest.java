package dev.jbuild.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A build that ran no step leaves an up-to-date record; the same command is then answered from it
 * while nothing the build read has changed, and any change that could alter the image sends the
 * build down the normal path, whose answer equals a build in an empty store.
 */
class UpToDateTest {
  private static final Pattern IMAGE = Pattern.compile("writing image (sha256:[0-9a-f]{64}) done");

  /** Files the test writes are seconds old to the build: old enough to be trusted in a record. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10));

  @TempDir Path tmp;
  private Path ctx;
  private final Map<String, String> env = new HashMap<>(Map.of("SOURCE_DATE_EPOCH", "1700000000"));

  @BeforeEach
  void context() throws IOException {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(ctx.resolve("app"));
    Files.createDirectories(ctx.resolve("ignored"));
    Files.writeString(ctx.resolve("app/a.txt"), "a\n");
    Files.writeString(ctx.resolve("app/b.txt"), "b\n");
    Files.createSymbolicLink(ctx.resolve("app/link"), Path.of("a.txt"));
    Files.writeString(ctx.resolve("ignored/x.txt"), "x\n");
    Files.writeString(ctx.resolve(".dockerignore"), "ignored\n");
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nARG X=0\nCOPY app /app\nCOPY app/b.txt /b\nCOPY --from=extra . /extra\n"
            + "ENV X=$X\n");
    Files.writeString(Files.createDirectories(tmp.resolve("extra")).resolve("e.txt"), "e\n");
  }

  /** The flags of the builds in the change table: a build arg from the environment. */
  private static String[] flags() {
    return new String[] {"--build-arg", "X"};
  }

  private Path store() {
    return tmp.resolve("store");
  }

  private CliRun build(Path store, Clock clock, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of("build", "-t", "t:1", "--build-context", "extra=" + tmp.resolve("extra")));
    args.addAll(List.of(flags));
    args.add(ctx.toString());
    CliRun r = CliRun.jbuild(store, env, clock, args.toArray(String[]::new));
    assertThat(r.exitCode).as(r.toString()).isZero();
    return r;
  }

  private CliRun build(String... flags) {
    return build(store(), LATER, flags);
  }

  private static String imageId(CliRun r) {
    Matcher m = IMAGE.matcher(r.err);
    assertThat(m.find()).as(r.toString()).isTrue();
    return m.group(1);
  }

  private List<Path> records() throws IOException {
    Path dir = store().resolve("uptodate");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  /** The record's identity: a build that writes one renames a new file into place. */
  private @Nullable Object record() throws IOException {
    List<Path> all = records();
    assertThat(all).hasSizeLessThanOrEqualTo(1);
    return all.isEmpty()
        ? null
        : Files.readAttributes(all.get(0), "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
  }

  /** Builds until a record exists: the first build runs its steps, the second is a no-op. */
  private String recorded(String... flags) throws IOException {
    build(flags);
    String id = imageId(build(flags));
    assertThat(record()).as("a no-op build leaves a record").isNotNull();
    return id;
  }

  @Test
  void anUnchangedRebuildIsAnsweredFromTheRecordShowingTheSameSteps() throws IOException {
    build();
    CliRun noop = build();
    Object record = record();
    CliRun answered = build();
    assertThat(record()).as("answered from the record, not rewritten").isEqualTo(record);
    assertThat(imageId(answered)).isEqualTo(imageId(noop));
    assertThat(steps(answered)).isEqualTo(steps(noop)).contains("#2 CACHED", "#3 CACHED");
  }

  /** Progress lines without durations (a replayed DONE takes no time). */
  private static List<String> steps(CliRun r) {
    return r.err.lines().map(l -> l.replaceAll("DONE [0-9.]+s", "DONE")).toList();
  }

  @FunctionalInterface
  interface Change {
    void apply(UpToDateTest t) throws Exception;
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        change("a copied file's content", t -> t.write("app/a.txt", "A\n")),
        change("a new file in a copied directory", t -> t.write("app/c.txt", "c\n")),
        change("a removed file", t -> Files.delete(t.ctx.resolve("app/b.txt.keep"))),
        change(
            "a copied file's mode",
            t ->
                Files.setPosixFilePermissions(
                    t.ctx.resolve("app/a.txt"), PosixFilePermissions.fromString("rwx------"))),
        change("a re-pointed symlink", t -> t.relink("app/link", "b.txt")),
        change("only a copied file's mtime", t -> t.touch("app/a.txt")),
        change("the Dockerfile", t -> t.append("Dockerfile", "ENV Y=1\n")),
        change("the .dockerignore", t -> t.append(".dockerignore", "app/b.txt.keep\n")),
        change("a build arg taken from the environment", t -> t.env.put("X", "2")),
        change(
            "a file in a named build context",
            t -> Files.writeString(t.tmp.resolve("extra/e.txt"), "E\n")),
        change("the tag removed from the store", t -> t.jbuild("rmi", "t:1")),
        change("the store pruned", t -> t.jbuild("prune", "--all")));
  }

  private static Arguments change(String what, Change c) {
    return Arguments.of(what, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeThatMayAlterTheImageBypassesTheRecordAndGivesAFreshBuildsAnswer(
      String what, Change change) throws Exception {
    Files.writeString(ctx.resolve("app/b.txt.keep"), "keep\n");
    env.put("X", "1");
    recorded(flags());
    Object before = record();
    change.apply(this);

    CliRun after = build(flags());

    String fresh = imageId(build(tmp.resolve("fresh-store"), LATER, flags()));
    assertThat(imageId(after)).as(what).isEqualTo(fresh);
    Object now = record();
    assertThat(now == null || !now.equals(before) || ranSteps(after))
        .as("%s: the record was not used\n%s", what, after)
        .isTrue();
    try (var s = dev.jbuild.store.LocalStore.open(store())) {
      assertThat(s.resolve("docker.io/library/t:1")).as("the tag is there again").isPresent();
    }
  }

  /** Whether a Dockerfile step ({@code #N [i/n] ...}) ended DONE instead of CACHED. */
  private static boolean ranSteps(CliRun r) {
    List<String> steps = new ArrayList<>();
    for (String line : r.err.lines().toList()) {
      Matcher m = Pattern.compile("^(#\\d+) \\[").matcher(line);
      if (m.find()) {
        steps.add(m.group(1));
      } else if (line.contains(" DONE") && steps.contains(line.substring(0, line.indexOf(' ')))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aChangedIgnoredFileKeepsTheRecord() throws IOException {
    String id = recorded();
    Object record = record();
    write("ignored/x.txt", "changed\n");
    write("ignored/new.txt", "new\n");
    CliRun again = build();
    assertThat(record()).isEqualTo(record);
    assertThat(imageId(again)).isEqualTo(id);
  }

  @Test
  void quietAndIidFileAreAnsweredFromTheRecord() throws IOException {
    Path iid = tmp.resolve("out/iid");
    build("-q", "--iidfile", iid.toString());
    build("-q", "--iidfile", iid.toString());
    Object record = record();
    String id = Files.readString(iid);
    Files.delete(iid);

    CliRun answered = build("-q", "--iidfile", iid.toString());

    assertThat(record()).isEqualTo(record);
    assertThat(answered.out.strip()).isEqualTo(id);
    assertThat(Files.readString(iid)).isEqualTo(id);
  }

  @Test
  void buildsThatExportElsewhereOrSkipTheCacheLeaveNoRecord() throws IOException {
    String oci = "type=oci,dest=" + tmp.resolve("out.tar");
    for (String[] flags :
        List.of(
            new String[] {"--no-cache"},
            new String[] {"-o", oci},
            new String[] {"--metadata-file", tmp.resolve("meta.json").toString()},
            new String[] {"--cache-ttl", "1h"},
            new String[] {"--pull"},
            new String[] {"--no-cache-filter", "0"})) {
      build(flags);
      build(flags);
      assertThat(records()).as(String.join(" ", flags)).isEmpty();
    }
  }

  @Test
  void filesChangedJustBeforeTheBuildLeaveNoRecord() throws IOException {
    build(store(), Clock.systemUTC());
    build(store(), Clock.systemUTC());
    assertThat(records()).as("app/ was written moments ago").isEmpty();
  }

  @Test
  void aDamagedRecordIsIgnoredAndReplaced() throws IOException {
    String id = recorded();
    Path file = records().get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);

    CliRun again = build();

    assertThat(imageId(again)).isEqualTo(id);
    assertThat(Files.readAllBytes(records().get(0))).isNotEqualTo(bytes);
  }

  private void write(String rel, String content) throws IOException {
    Files.writeString(ctx.resolve(rel), content);
  }

  private void append(String rel, String content) throws IOException {
    Files.writeString(ctx.resolve(rel), Files.readString(ctx.resolve(rel)) + content);
  }

  private void touch(String rel) throws IOException {
    Files.setLastModifiedTime(ctx.resolve(rel), FileTime.from(Instant.now().minusSeconds(3600)));
  }

  private void relink(String rel, String target) throws IOException {
    Files.delete(ctx.resolve(rel));
    Files.createSymbolicLink(ctx.resolve(rel), Path.of(target));
  }

  private void jbuild(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--root=" + store());
    CliRun r = CliRun.jbuild(store(), env, all.toArray(String[]::new));
    assertThat(r.exitCode).as(r.toString()).isZero();
  }
}
