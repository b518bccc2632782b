package dev.jbuild.cli.build.cache;

import static dev.jbuild.cli.build.cache.SourceFixture.EARLIER;
import static dev.jbuild.cli.build.cache.SourceFixture.INCLUDED_FILES;
import static dev.jbuild.cli.build.cache.SourceFixture.LATER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatCacheTest {
  @TempDir Path ctx;
  @TempDir Path store;
  private SourceFixture f;

  @BeforeEach
  void context() throws IOException {
    f = new SourceFixture(ctx, store);
  }

  @Test
  void warmRunReadsNoFileContent() throws IOException {
    String cold = f.digest(LATER, ".");
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES);
    assertThat(f.digest(LATER, ".")).isEqualTo(cold);
    assertThat(f.opens.reset()).isZero();
  }

  @Test
  void fileChangedJustBeforeHashingIsHashedAgainNextRun() throws IOException {
    String first = f.digest(EARLIER, ".");
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES);
    assertThat(f.digest(EARLIER, ".")).isEqualTo(first);
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES);
    assertThat(f.digest(LATER, ".")).isEqualTo(first);
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES);
    assertThat(f.digest(LATER, ".")).isEqualTo(first);
    assertThat(f.opens.reset()).isZero();
  }

  @Test
  void sameFileInOneRunIsHashedOnce() throws IOException {
    try (StatCache cache = StatCache.open(f.cacheFile, f.opens, LATER)) {
      SourceDigests d = new SourceDigests(cache);
      d.digest(f.tree, List.of("a.txt"));
      d.digest(f.tree, List.of("*.txt"));
    }
    assertThat(f.opens.reset()).isEqualTo(1);
  }

  @Test
  void contentEditedInPlaceWithSizeAndMtimeRestoredIsSeen() throws Exception {
    Path a = ctx.resolve("a.txt");
    FileTime mtime = Files.getLastModifiedTime(a);
    String before = f.digest(LATER, "a.txt");
    Thread.sleep(50); // let the kernel's coarse clock tick, so the edit's ctime differs
    Files.writeString(a, "z");
    Files.setLastModifiedTime(a, mtime);
    assertThat(f.digest(LATER, "a.txt")).isNotEqualTo(before);
  }

  @Test
  void fileReplacedByAnotherInodeIsSeen() throws IOException {
    String before = f.digest(LATER, "a.txt");
    Path a = ctx.resolve("a.txt");
    FileTime mtime = Files.getLastModifiedTime(a);
    Path b = ctx.resolve("b.tmp");
    Files.writeString(b, "q");
    Files.setLastModifiedTime(b, mtime);
    Files.move(b, a, StandardCopyOption.REPLACE_EXISTING);
    assertThat(f.digest(LATER, "a.txt")).isNotEqualTo(before);
  }

  @Test
  void entriesNotUsedInARunAreDropped() throws IOException {
    f.digest(LATER, ".");
    f.digest(LATER, "a.txt");
    f.opens.reset();
    f.digest(LATER, ".");
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES - 1);
  }

  @Test
  void unchangedRunDoesNotRewriteTheFile() throws IOException {
    f.digest(LATER, ".");
    Object inode = Files.getAttribute(f.cacheFile, "unix:ino");
    byte[] bytes = Files.readAllBytes(f.cacheFile);
    f.digest(LATER, ".");
    assertThat(Files.getAttribute(f.cacheFile, "unix:ino")).isEqualTo(inode);
    assertThat(Files.readAllBytes(f.cacheFile)).isEqualTo(bytes);
  }

  @Test
  void runWithoutLookupsKeepsTheFile() throws IOException {
    f.digest(LATER, ".");
    byte[] bytes = Files.readAllBytes(f.cacheFile);
    StatCache.open(f.cacheFile).close();
    assertThat(Files.readAllBytes(f.cacheFile)).isEqualTo(bytes);
  }

  @Test
  void missingCacheFileIsAnEmptyCacheAndSavingCreatesItsDirectory() throws IOException {
    assertThat(f.cacheFile.getParent()).doesNotExist();
    f.digest(LATER, ".");
    assertThat(f.cacheFile).isRegularFile();
    assertThat(StatCacheFile.load(f.cacheFile)).hasSize(INCLUDED_FILES);
  }

  static Stream<Arguments> damagedFiles() {
    return Stream.of(
        damage("empty", b -> new byte[0]),
        damage("garbage", b -> "not a stat cache at all, just text".getBytes()),
        damage("truncated", b -> Arrays.copyOf(b, b.length - 9)),
        damage("one byte flipped in a digest", b -> flip(b, b.length - 10)),
        damage("other version", b -> flip(b, 7)),
        damage("trailing bytes", b -> Arrays.copyOf(b, b.length + 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedFiles")
  void damagedCacheFileIsTreatedAsEmpty(String name, UnaryOperator<byte[]> damage)
      throws IOException {
    String good = f.digest(LATER, ".");
    Files.write(f.cacheFile, damage.apply(Files.readAllBytes(f.cacheFile)));
    f.opens.reset();
    assertThat(f.digest(LATER, ".")).isEqualTo(good);
    assertThat(f.opens.reset()).isEqualTo(INCLUDED_FILES);
  }

  @Test
  void staleDigestInAnIntactFileIsNotTrustedAfterTheFileChanged() throws IOException {
    String before = f.digest(LATER, "src/main.c");
    Files.writeString(ctx.resolve("src/main.c"), "int main; /* longer */");
    assertThat(f.digest(LATER, "src/main.c")).isNotEqualTo(before);
  }

  @Test
  void fileFormatRoundTripsTenThousandEntries() throws IOException {
    Map<String, StatEntry> entries = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      String hex = String.format("%064x", i);
      entries.put(
          "/ctx/dir" + (i % 97) + "/file-" + i + ".java",
          new StatEntry(
              i, 1_700_000_000_123_456_789L + i, 1_700_000_001_000_000_000L, i * 7L, hex, false));
    }
    entries.put("/ctx/ünïcödé ✓", new StatEntry(1, 2, 3, 4, "ab".repeat(32), false));
    StatCacheFile.save(f.cacheFile, entries);
    assertThat(StatCacheFile.load(f.cacheFile)).isEqualTo(entries);
  }

  @Test
  void locationIsPerContextAndOutsideTheBuildCache() {
    Path s = Path.of("/store");
    Path here = StatCache.location(s, Path.of("/work/app"));
    assertThat(here.getParent()).isEqualTo(s.resolve("stat-cache"));
    assertThat(here.getFileName().toString()).matches("[0-9a-f]{64}\\.bin");
    assertThat(StatCache.location(s, Path.of("/work/app/./"))).isEqualTo(here);
    assertThat(StatCache.location(s, Path.of("/work/other"))).isNotEqualTo(here);
  }

  private static Arguments damage(String name, UnaryOperator<byte[]> d) {
    return Arguments.of(name, d);
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 0x5a;
    return c;
  }
}
