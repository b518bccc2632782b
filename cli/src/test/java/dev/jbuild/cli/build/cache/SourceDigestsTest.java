package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.copy.SourceNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceDigestsTest {
  @TempDir Path ctx;
  @TempDir Path store;
  private SourceFixture f;

  @FunctionalInterface
  interface Change {
    void apply(Path ctx) throws Exception;
  }

  @BeforeEach
  void context() throws IOException {
    f = new SourceFixture(ctx, store);
  }

  static Stream<Arguments> changesThatFlipTheDigest() {
    return Stream.of(
        change("file content, same size", c -> Files.writeString(c.resolve("a.txt"), "b")),
        change("chmod +x", c -> chmod(c.resolve("a.txt"), "rwxr-xr-x")),
        change("setuid bit", c -> SourceFixture.run("chmod", "u+s", c + "/bin/tool")),
        change("sticky bit on a directory", c -> SourceFixture.run("chmod", "+t", c + "/src")),
        change("directory mode", c -> chmod(c.resolve("src/lib"), "rwx------")),
        change("uid", c -> Files.setAttribute(c.resolve("a.txt"), "unix:uid", 4321)),
        change("gid", c -> Files.setAttribute(c.resolve("src/main.c"), "unix:gid", 4321)),
        change("file becomes a symlink", SourceDigestsTest::fileBecomesSymlink),
        change("symlink target", SourceDigestsTest::retargetLink),
        change("renamed file", c -> Files.move(c.resolve("a.txt"), c.resolve("b.txt"))),
        change("added file", c -> Files.writeString(c.resolve("src/new.c"), "")),
        change("added empty directory", c -> Files.createDirectory(c.resolve("src/empty"))),
        change("removed file", c -> Files.delete(c.resolve("src/lib/util.c"))),
        change("re-included file", c -> Files.writeString(c.resolve("logs/keep.log"), "KEEP")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesThatFlipTheDigest")
  void changeFlipsTheDigest(String name, Change change) throws Exception {
    String before = f.digest(".");
    change.apply(ctx);
    assertThat(f.digest(".")).isNotEqualTo(before);
  }

  static Stream<Arguments> changesThatKeepTheDigest() {
    return Stream.of(
        change("mtime touched", c -> touch(c.resolve("a.txt"))),
        change("directory mtime touched", c -> touch(c.resolve("src"))),
        change("symlink mtime touched", SourceDigestsTest::touchLink),
        change("atime", c -> Files.setAttribute(c.resolve("a.txt"), "lastAccessTime", old())),
        change("ignored file", c -> Files.writeString(c.resolve("secret.key"), "changed")),
        change("file in ignored dir", c -> Files.writeString(c.resolve("logs/debug.log"), "x")),
        change("added ignored file", c -> Files.writeString(c.resolve("logs/new.log"), "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesThatKeepTheDigest")
  void changeKeepsTheDigest(String name, Change change) throws Exception {
    String before = f.digest(".");
    change.apply(ctx);
    assertThat(f.digest(".")).isEqualTo(before);
  }

  @Test
  void differentSourceListsHaveDifferentDigests() throws IOException {
    assertThat(f.digest("src", "a.txt"))
        .isNotEqualTo(f.digest("a.txt", "src"))
        .isNotEqualTo(f.digest("src"))
        .isEqualTo(f.digest("./src/", "/a.txt"));
  }

  @Test
  void renamingTheMatchedSourceItselfFlipsTheDigest() throws IOException {
    String before = f.digest("src/*.c");
    Files.move(ctx.resolve("src/main.c"), ctx.resolve("src/other.c"));
    assertThat(f.digest("src/*.c")).isNotEqualTo(before);
  }

  @Test
  void wildcardCoversOnlyWhatItMatches() throws IOException {
    String before = f.digest("*.txt");
    Files.writeString(ctx.resolve("notes.md"), "n");
    assertThat(f.digest("*.txt")).isEqualTo(before);
    Files.writeString(ctx.resolve("c.txt"), "c");
    assertThat(f.digest("*.txt")).isNotEqualTo(before);
  }

  @Test
  void topLevelSymlinkSourceIsFollowedToItsContent() throws IOException {
    String before = f.digest("src/link");
    Files.writeString(ctx.resolve("src/main.c"), "int main2;");
    assertThat(f.digest("src/link")).isNotEqualTo(before);
  }

  @Test
  void topLevelSymlinkToDirectoryCoversTheDirectoryContents() throws IOException {
    Files.createSymbolicLink(ctx.resolve("alias"), Path.of("src"));
    String before = f.digest("alias");
    Files.writeString(ctx.resolve("src/lib/util.c"), "y");
    assertThat(f.digest("alias")).isNotEqualTo(before);
  }

  @Test
  void symlinkInsideDirectoryIsDigestedByItsTargetTextNotContent() throws IOException {
    String before = f.digest("src");
    Files.writeString(ctx.resolve("a.txt"), "changed behind the link");
    assertThat(f.digest("src")).isEqualTo(before);
  }

  @Test
  void missingSourceThrowsAsCopyDoes() {
    assertThatThrownBy(() -> f.digest("nope.txt"))
        .isInstanceOf(SourceNotFoundException.class)
        .hasMessage("\"/nope.txt\": not found in build context");
    assertThatThrownBy(() -> f.digest("*.nope")).isInstanceOf(SourceNotFoundException.class);
  }

  @Test
  void ignoredSourceIsNotFound() {
    assertThatThrownBy(() -> f.digest("secret.key"))
        .isInstanceOf(SourceNotFoundException.class)
        .hasMessage("\"/secret.key\": not found in build context");
  }

  @Test
  void ignoredFilesAreNeverOpened() throws Exception {
    SourceFixture.run("mkfifo", ctx + "/logs/pipe");
    f.digest(".");
    assertThat(f.opens.paths)
        .hasSize(SourceFixture.INCLUDED_FILES)
        .doesNotContain(ctx.resolve("secret.key"), ctx.resolve("logs/debug.log"))
        .contains(ctx.resolve("logs/keep.log"));
  }

  @Test
  void includedSpecialFileIsRefusedAsCopyRefusesIt() throws Exception {
    SourceFixture.run("mkfifo", ctx + "/src/pipe");
    assertThatThrownBy(() -> f.digest("src"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            ctx.resolve("src/pipe") + ": cannot copy special file (device, socket or fifo)");
  }

  @Test
  void parallelHashingGivesTheSameDigestAsOneThread() throws IOException {
    for (int i = 0; i < 20; i++) {
      Files.write(ctx.resolve("src/blob" + i), new byte[10_000 + i]);
    }
    String one;
    String two;
    try (StatCache c = StatCache.open(store.resolve("one.bin"))) {
      one = new SourceDigests(c, 1, 0).digest(f.tree, List.of("."));
    }
    try (StatCache c = StatCache.open(store.resolve("two.bin"))) {
      two = new SourceDigests(c, 2, 0).digest(f.tree, List.of("."));
    }
    assertThat(two).isEqualTo(one).matches("[0-9a-f]{64}");
  }

  @Test
  void readErrorOnAHashingThreadReachesTheCaller() throws IOException {
    StatCache.Opener failing =
        file -> {
          throw new IOException(file.getFileName() + ": read failed");
        };
    try (StatCache c = StatCache.open(store.resolve("x.bin"), failing, SourceFixture.LATER)) {
      assertThatThrownBy(() -> new SourceDigests(c, 2, 0).digest(f.tree, List.of(".")))
          .isInstanceOf(IOException.class)
          .hasMessageEndingWith(": read failed");
    }
  }

  private static Arguments change(String name, Change change) {
    return Arguments.of(name, change);
  }

  private static void chmod(Path p, String perms) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
  }

  private static FileTime old() {
    return FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
  }

  private static void touch(Path p) throws IOException {
    Files.setLastModifiedTime(p, old());
  }

  private static void touchLink(Path c) throws Exception {
    SourceFixture.run("touch", "-h", "-d", "2001-02-03", c + "/src/link");
  }

  private static void fileBecomesSymlink(Path c) throws IOException {
    Files.delete(c.resolve("a.txt"));
    Files.createSymbolicLink(c.resolve("a.txt"), Path.of("src/main.c"));
  }

  private static void retargetLink(Path c) throws IOException {
    Files.delete(c.resolve("src/link"));
    Files.createSymbolicLink(c.resolve("src/link"), Path.of("lib/util.c"));
  }
}
