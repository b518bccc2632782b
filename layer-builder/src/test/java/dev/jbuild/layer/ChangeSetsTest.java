package dev.jbuild.layer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testkit.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetsTest {
  private static final FileTime T = FileTime.fromMillis(1_600_000_000_000L);
  private static final FileTime T2 = FileTime.fromMillis(1_700_000_000_000L);
  @TempDir Path tmp;

  private static Path write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  /** Sets every time under {@code root} to {@code t} (links untouched), children first. */
  private static void times(Path root, FileTime t) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted((a, b) -> b.toString().compareTo(a.toString())).toList()) {
        if (!Files.isSymbolicLink(p) && (Files.isDirectory(p) || Files.isRegularFile(p))) {
          Files.setLastModifiedTime(p, t);
        }
      }
    }
  }

  private static byte[] tar(LayerBuilder b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.writeTar(out);
    return out.toByteArray();
  }

  private Path lower() throws IOException {
    Path lower = tmp.resolve("lower");
    write(lower.resolve("etc/a"), "a");
    write(lower.resolve("etc/b"), "b");
    write(lower.resolve("old/deep/file"), "x");
    write(lower.resolve("same/file"), "s");
    times(lower, T);
    return lower;
  }

  @Test
  void overlayUpperAndTreeDiffGiveIdenticalTars() throws IOException {
    Path lower = lower();
    Path merged = tmp.resolve("merged");
    Tools.run("cp", "-a", lower.toString(), merged.toString());
    write(merged.resolve("etc/a"), "A");
    Files.delete(merged.resolve("etc/b"));
    write(merged.resolve("etc/c"), "c");
    Tools.run("rm", "-rf", merged.resolve("old").toString());
    write(merged.resolve("new/x"), "x");
    Files.createLink(merged.resolve("new/y"), merged.resolve("new/x"));
    times(merged.resolve("etc"), T2);
    times(merged.resolve("new"), T2);
    Files.setLastModifiedTime(merged, T2);

    Path upper = tmp.resolve("upper");
    write(upper.resolve("etc/a"), "A");
    write(upper.resolve("etc/c"), "c");
    write(upper.resolve("new/x"), "x");
    Files.createLink(upper.resolve("new/y"), upper.resolve("new/x"));
    times(upper, T2);
    // overlay shares one whiteout inode between deletions: nlink 2, not a hardlink
    Tools.run("mknod", upper.resolve("etc/b").toString(), "c", "0", "0");
    Files.createLink(upper.resolve("old"), upper.resolve("etc/b"));
    Files.setLastModifiedTime(upper.resolve("etc"), T2);
    Files.setLastModifiedTime(upper, T2);

    FileOwnership owners = FileOwnership.recordOnly();
    byte[] fromOverlay = tar(ChangeSets.fromOverlayUpper(upper, owners));
    byte[] fromDiff = tar(ChangeSets.fromTreeDiff(lower, merged, owners));

    assertThat(TarRead.names(fromOverlay))
        .containsExactly(
            "etc/", "etc/a", "etc/.wh.b", "etc/c", "new/", "new/x", "new/y", ".wh.old");
    assertThat(TarRead.read(fromOverlay).get(6).entry().isLink()).isTrue();
    assertThat(fromDiff).isEqualTo(fromOverlay);
  }

  @Test
  void opaqueDirectoryInUpperBecomesOpaqueMarker() throws IOException {
    Path upper = tmp.resolve("upper");
    write(upper.resolve("var/cache/new"), "n");
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(upper.resolve("var/cache"), UserDefinedFileAttributeView.class);
    view.write("overlay.opaque", ByteBuffer.wrap("y".getBytes(UTF_8)));

    List<String> names =
        TarRead.names(tar(ChangeSets.fromOverlayUpper(upper, FileOwnership.recordOnly())));

    assertThat(names)
        .containsExactly("var/", "var/cache/", "var/cache/.wh..wh..opq", "var/cache/new");
  }

  @Test
  void unchangedTreeGivesEmptyChangeSet() throws IOException {
    Path lower = lower();
    Path copy = tmp.resolve("copy");
    Tools.run("cp", "-a", lower.toString(), copy.toString());

    assertThat(ChangeSets.fromTreeDiff(lower, copy, FileOwnership.recordOnly()).isEmpty()).isTrue();
  }

  @Test
  void sameContentRewrittenWithNewTimeIsAChange() throws IOException {
    Path lower = lower();
    Path copy = tmp.resolve("copy");
    Tools.run("cp", "-a", lower.toString(), copy.toString());
    Files.setLastModifiedTime(copy.resolve("same/file"), T2);

    assertThat(TarRead.names(tar(ChangeSets.fromTreeDiff(lower, copy, FileOwnership.recordOnly()))))
        .containsExactly("same/", "same/file");
  }
}
