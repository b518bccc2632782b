package dev.jbuild.cli.build.add;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveUnpackerTest {
  @TempDir Path tmp;

  private Map<String, FileEntry> unpack(TestArchives a, ArchiveCompression c) throws Exception {
    Path archive = a.write(tmp.resolve("in.archive"), c);
    Path dir = Files.createDirectory(tmp.resolve("out"));
    List<FileEntry> entries = ArchiveUnpacker.unpack(archive, c, dir, "in.archive");
    return entries.stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
  }

  @Test
  void entriesKeepTheArchiveOwnersModesAndTimes() throws Exception {
    Map<String, FileEntry> e =
        unpack(
            new TestArchives()
                .dir("app", 0750, 1000, 1001)
                .file("app/run.sh", "#!/bin/sh\n", 04755, 123, 456)
                .symlink("app/current", "run.sh"),
            ArchiveCompression.GZIP);
    assertThat(e.get("app"))
        .extracting(FileEntry::kind, FileEntry::mode, FileEntry::uid, FileEntry::gid)
        .containsExactly(FileEntry.Kind.DIRECTORY, 0750, 1000, 1001);
    FileEntry run = e.get("app/run.sh");
    assertThat(run)
        .extracting(FileEntry::kind, FileEntry::mode, FileEntry::uid, FileEntry::gid)
        .containsExactly(FileEntry.Kind.FILE, 04755, 123, 456);
    assertThat(run.mtime()).isEqualTo(TestArchives.MTIME);
    assertThat(Files.readString(run.source())).isEqualTo("#!/bin/sh\n");
    assertThat(e.get("app/current").linkTarget()).isEqualTo("run.sh");
  }

  @Test
  void unreadableModesAreKeptAndContentStillReadable() throws Exception {
    Map<String, FileEntry> e =
        unpack(
            new TestArchives().dir("locked", 0, 0, 0).file("locked/secret", "s", 0, 0, 0),
            ArchiveCompression.NONE);
    assertThat(e.get("locked").mode()).isZero();
    assertThat(e.get("locked/secret").mode()).isZero();
    assertThat(Files.readString(e.get("locked/secret").source())).isEqualTo("s");
  }

  @Test
  void hardlinkGetsItsTargetsContentAndOwner() throws Exception {
    Map<String, FileEntry> e =
        unpack(
            new TestArchives()
                .file("z-original", "data", 0640, 42, 43)
                .hardlink("a-link", "z-original"),
            ArchiveCompression.ZSTD);
    assertThat(e.get("a-link").kind()).isEqualTo(FileEntry.Kind.FILE);
    assertThat(e.get("a-link").uid()).isEqualTo(42);
    assertThat(e.get("a-link").gid()).isEqualTo(43);
    assertThat(Files.readString(e.get("a-link").source())).isEqualTo("data");
  }

  @Test
  void dotDotEntryIsRejectedAndNothingLandsOutside() throws Exception {
    TestArchives a =
        new TestArchives().file("ok.txt", "ok", 0644, 0, 0).file("../evil", "x", 0644, 0, 0);
    assertThatThrownBy(() -> unpack(a, ArchiveCompression.BZIP2))
        .isInstanceOf(StepFailure.class)
        .hasMessageStartingWith("unpacking in.archive: ")
        .hasMessageContaining("../evil")
        .hasMessageContaining("outside");
    assertThat(tmp.resolve("evil")).doesNotExist();
  }

  @Test
  void absoluteSymlinkIsFollowedInsideTheDestinationOnly() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("etc"));
    Map<String, FileEntry> e =
        unpack(
            new TestArchives()
                .symlink("etc-link", "/etc")
                .file("etc-link/passwd", "root::0:0::/:/bin/sh\n", 0644, 0, 0),
            ArchiveCompression.GZIP);
    assertThat(outside.resolve("passwd")).doesNotExist();
    assertThat(e.get("etc-link").linkTarget()).isEqualTo("/etc");
    assertThat(e).containsKey("etc/passwd");
    assertThat(e.get("etc/passwd").source()).startsWith(tmp.resolve("out"));
  }

  @Test
  void xzArchiveUnpacksThroughTheXzProgram() throws Exception {
    Path archive = Files.write(tmp.resolve("x.tar.xz"), TestArchives.XZ_TAR);
    Path dir = Files.createDirectory(tmp.resolve("out"));
    List<FileEntry> entries = ArchiveUnpacker.unpack(archive, ArchiveCompression.XZ, dir, "x");
    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("x.txt");
              assertThat(e.uid()).isEqualTo(7);
              assertThat(e.gid()).isEqualTo(8);
              assertThat(Files.readString(e.source())).isEqualTo("from xz\n");
            });
  }

  @Test
  void truncatedArchiveFailsWithAOneLineError() throws Exception {
    byte[] whole =
        new TestArchives()
            .file("big", "y".repeat(100_000), 0644, 0, 0)
            .compressed(ArchiveCompression.GZIP);
    Path archive =
        Files.write(tmp.resolve("cut.tgz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    Path dir = Files.createDirectory(tmp.resolve("out"));
    assertThatThrownBy(
            () -> ArchiveUnpacker.unpack(archive, ArchiveCompression.GZIP, dir, "cut.tgz"))
        .isInstanceOf(StepFailure.class)
        .hasMessageStartingWith("unpacking cut.tgz: the archive is damaged or truncated")
        .hasMessageNotContaining("\n");
  }
}
