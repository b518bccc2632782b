package dev.jbuild.layer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.testkit.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBuilderTest {
  private static final Instant T = Instant.parse("2024-05-06T07:08:09.5Z");
  private static final EntryMeta DIR = EntryMeta.of(0755, 0, 0, T);
  private static final EntryMeta FILE = EntryMeta.of(0644, 1000, 1000, T);

  @TempDir Path tmp;

  private static byte[] tar(LayerBuilder b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Digest diffId = b.writeTar(out);
    assertThat(diffId).isEqualTo(Digests.sha256(out.toByteArray()));
    return out.toByteArray();
  }

  @Test
  void entriesAreSortedComponentWiseWithParentsBeforeChildrenAndOpaqueFirst() throws IOException {
    LayerBuilder b =
        LayerBuilder.create()
            .file("a/z", FILE, FileSource.of(new byte[0]))
            .file("a-b", FILE, FileSource.of(new byte[0]))
            .directory("a", DIR)
            .directory("a/dir", DIR)
            .file("a/dir/0", FILE, FileSource.of(new byte[0]))
            .opaque("a/dir")
            .whiteout("a/gone");

    assertThat(TarRead.names(tar(b)))
        .containsExactly(
            "a/", "a/dir/", "a/dir/.wh..wh..opq", "a/dir/0", "a/.wh.gone", "a/z", "a-b");
  }

  @Test
  void sameEntriesInAnyInsertionOrderGiveIdenticalBytes() throws IOException {
    LayerBuilder one =
        LayerBuilder.create()
            .directory("etc", DIR)
            .file("etc/x", FILE, FileSource.of("x".getBytes(UTF_8)))
            .symlink("etc/y", FILE, "x");
    LayerBuilder two =
        LayerBuilder.create()
            .symlink("/etc/y", FILE, "x")
            .file("./etc//x", FILE, FileSource.of("x".getBytes(UTF_8)))
            .directory("etc/", DIR);

    assertThat(tar(one)).isEqualTo(tar(two));
  }

  @Test
  void headersCarryOwnerModeWholeSecondTimeAndTypes() throws IOException {
    LayerBuilder b =
        LayerBuilder.create()
            .directory("d", EntryMeta.of(01777, 0, 0, T))
            .file("d/f", EntryMeta.of(04755, 123, 456, T), FileSource.of("hi".getBytes(UTF_8)))
            .symlink("d/l", FILE, "../etc/passwd")
            .device("dev/null", EntryMeta.of(0666, 0, 0, T), false, 1, 3)
            .device("dev/sda", EntryMeta.of(0660, 0, 6, T), true, 8, 0)
            .fifo("run/fifo", EntryMeta.of(0600, 0, 0, T));
    List<TarRead.Item> items = TarRead.read(tar(b));

    TarArchiveEntry d = items.get(0).entry();
    assertThat(d.isDirectory()).isTrue();
    assertThat(d.getMode() & 07777).isEqualTo(01777);
    TarArchiveEntry f = items.get(1).entry();
    assertThat(f.getMode() & 07777).isEqualTo(04755);
    assertThat(f.getLongUserId()).isEqualTo(123);
    assertThat(f.getLongGroupId()).isEqualTo(456);
    assertThat(f.getLastModifiedTime().toInstant())
        .isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    assertThat(items.get(1).content()).isEqualTo("hi".getBytes(UTF_8));
    assertThat(items.get(2).entry().isSymbolicLink()).isTrue();
    assertThat(items.get(2).entry().getLinkName()).isEqualTo("../etc/passwd");
    assertThat(items.get(3).entry().isCharacterDevice()).isTrue();
    assertThat(items.get(3).entry().getDevMajor()).isEqualTo(1);
    assertThat(items.get(3).entry().getDevMinor()).isEqualTo(3);
    assertThat(items.get(4).entry().isBlockDevice()).isTrue();
    assertThat(items.get(5).entry().isFIFO()).isTrue();
  }

  @Test
  void longNamesLongLinkTargetsBigIdsAndNonAsciiUsePax() throws IOException {
    String longDir = "x".repeat(120);
    String longName = longDir + "/" + "y".repeat(150);
    String target = "/" + "t".repeat(200);
    LayerBuilder b =
        LayerBuilder.create()
            .file(longName, FILE.withOwner(70_000_000, 3_000_000), FileSource.of(new byte[] {1}))
            .symlink("ünïcødé", FILE, target);
    byte[] bytes = tar(b);
    List<TarRead.Item> items = TarRead.read(bytes);

    assertThat(items.get(0).name()).isEqualTo(longName);
    assertThat(items.get(0).entry().getLongUserId()).isEqualTo(70_000_000);
    assertThat(items.get(0).entry().getLongGroupId()).isEqualTo(3_000_000);
    assertThat(items.get(1).name()).isEqualTo("ünïcødé");
    assertThat(items.get(1).entry().getLinkName()).isEqualTo(target);

    Path f = tmp.resolve("l.tar");
    Files.write(f, bytes);
    String listing = Tools.run("tar", "--numeric-owner", "-tvf", f.toString());
    assertThat(listing).contains("70000000/3000000").contains(longName).contains(target);
  }

  @Test
  void xattrsAreKeptButOverlayXattrsDropped() throws IOException {
    EntryMeta meta =
        FILE.withXattrs(
            Map.of(
                "user.mime", "text/plain",
                "user.overlay.opaque", "y",
                "trusted.overlay.origin", "z",
                "security.selinux", "system_u:object_r:bin_t:s0"));
    LayerBuilder b = LayerBuilder.create().file("f", meta, FileSource.of(new byte[0]));

    Map<String, String> pax = TarRead.read(tar(b)).get(0).entry().getExtraPaxHeaders();

    assertThat(pax)
        .containsOnly(
            Map.entry("SCHILY.xattr.security.selinux", "system_u:object_r:bin_t:s0"),
            Map.entry("SCHILY.xattr.user.mime", "text/plain"));
  }

  @Test
  void whiteoutsAndOpaqueMarkersAreEmptyRootOwnedFiles() throws IOException {
    LayerBuilder b = LayerBuilder.create().whiteout("top").whiteout("a/b/c").opaque("a");
    List<TarRead.Item> items = TarRead.read(tar(b));

    assertThat(items.stream().map(TarRead.Item::name))
        .containsExactly("a/.wh..wh..opq", "a/b/.wh.c", ".wh.top");
    for (TarRead.Item i : items) {
      assertThat(i.entry().isFile()).isTrue();
      assertThat(i.entry().getSize()).isZero();
      assertThat(i.entry().getLongUserId()).isZero();
    }
  }

  @Test
  void hardlinkGroupPutsContentOnFirstPathInTarOrder() throws IOException {
    LayerBuilder b =
        LayerBuilder.create()
            .file("z/original", FILE, FileSource.of("data".getBytes(UTF_8)))
            .hardlink("a/link", FILE, "z/original")
            .hardlink("m/link2", FILE, "a/link");
    List<TarRead.Item> items = TarRead.read(tar(b));

    assertThat(items.get(0).name()).isEqualTo("a/link");
    assertThat(items.get(0).entry().isFile()).isTrue();
    assertThat(items.get(0).content()).isEqualTo("data".getBytes(UTF_8));
    assertThat(items.get(1).entry().isLink()).isTrue();
    assertThat(items.get(1).entry().getLinkName()).isEqualTo("a/link");
    assertThat(items.get(2).name()).isEqualTo("z/original");
    assertThat(items.get(2).entry().getLinkName()).isEqualTo("a/link");
  }

  @Test
  void hardlinkToMissingOrWhitedOutTargetIsAnError() {
    LayerBuilder missing = LayerBuilder.create().hardlink("a", FILE, "nothere");
    LayerBuilder whiteout = LayerBuilder.create().whiteout("w").hardlink("a", FILE, "w");

    assertThatThrownBy(() -> tar(missing))
        .isInstanceOf(LayerException.class)
        .hasMessage(
            "hardlink \"a\" points to \"nothere\", which is not a regular file in this layer");
    assertThatThrownBy(() -> tar(whiteout)).isInstanceOf(LayerException.class);
  }

  @Test
  void sourceDateEpochClampsNewerTimesOnly() throws IOException {
    Instant epoch = Instant.parse("2020-01-01T00:00:00Z");
    Instant old = Instant.parse("2010-01-01T00:00:00Z");
    LayerBuilder b =
        LayerBuilder.create()
            .clampTimes(epoch)
            .file("new", FILE, FileSource.of(new byte[0]))
            .file("old", FILE.withMtime(old), FileSource.of(new byte[0]))
            .whiteout("w");
    List<TarRead.Item> items = TarRead.read(tar(b));

    assertThat(items.stream().map(TarRead.Item::name)).containsExactly("new", "old", ".wh.w");
    assertThat(items.get(0).entry().getLastModifiedTime().toInstant()).isEqualTo(epoch);
    assertThat(items.get(1).entry().getLastModifiedTime().toInstant()).isEqualTo(old);
    assertThat(items.get(2).entry().getLastModifiedTime().toInstant()).isEqualTo(epoch);
  }

  @Test
  void invalidPathsAreRejectedWithTheirName() {
    LayerBuilder b = LayerBuilder.create();
    assertThatThrownBy(() -> b.file("a/../../etc", FILE, FileSource.of(new byte[0])))
        .isInstanceOf(LayerException.class)
        .hasMessage("layer path \"a/../../etc\" contains \"..\"");
    assertThatThrownBy(() -> b.directory("/", DIR)).hasMessageContaining("names the root");
    assertThatThrownBy(() -> b.file("a/.wh.b", FILE, FileSource.of(new byte[0])))
        .hasMessageContaining("reserved whiteout prefix");
  }

  @Test
  void fileFromPathIsStreamedAtWriteTime() throws IOException {
    Path src = tmp.resolve("src");
    Files.write(src, "old".getBytes(UTF_8));
    LayerBuilder b = LayerBuilder.create().file("f", FILE, FileSource.of(src));
    Files.write(src, "content".getBytes(UTF_8));

    assertThat(TarRead.read(tar(b)).get(0).content()).isEqualTo("content".getBytes(UTF_8));
  }
}
