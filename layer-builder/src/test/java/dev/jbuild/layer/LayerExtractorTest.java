package dev.jbuild.layer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerExtractorTest {
  private static final Instant T = Instant.parse("2023-03-04T05:06:07Z");
  @TempDir Path tmp;
  private Path root;
  private Path outside;

  @BeforeEach
  void dirs() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "untouched");
  }

  private static byte[] layer(Consumer<LayerBuilder> c) throws IOException {
    LayerBuilder b = LayerBuilder.create();
    c.accept(b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.writeTar(out);
    return out.toByteArray();
  }

  /** A raw (possibly hostile) tar that LayerBuilder would refuse to write. */
  record Raw(String name, byte type, String link) {}

  private static byte[] raw(Raw... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Raw r : entries) {
        TarArchiveEntry e = new TarArchiveEntry(r.name(), r.type(), true);
        if (!r.link().isEmpty()) {
          e.setLinkName(r.link());
        }
        if (r.type() == TarConstants.LF_NORMAL) {
          e.setSize(4);
        }
        tar.putArchiveEntry(e);
        if (r.type() == TarConstants.LF_NORMAL) {
          tar.write("evil".getBytes(UTF_8));
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private void apply(byte[] tar) throws IOException {
    new LayerExtractor(root, FileOwnership.recordOnly()).apply(new ByteArrayInputStream(tar));
  }

  @Test
  void extractsFilesDirsLinksWithModesAndTimes() throws IOException {
    apply(
        layer(
            b ->
                b.directory("etc", EntryMeta.of(0750, 0, 0, T))
                    .file(
                        "etc/conf",
                        EntryMeta.of(04711, 0, 0, T),
                        FileSource.of("c".getBytes(UTF_8)))
                    .symlink("etc/link", EntryMeta.root(0777), "conf")
                    .hardlink("etc/hard", EntryMeta.root(0644), "etc/conf")
                    .fifo("run/pipe", EntryMeta.of(0600, 0, 0, T))));

    assertThat(Files.readString(root.resolve("etc/conf"))).isEqualTo("c");
    assertThat(Files.getAttribute(root.resolve("etc/conf"), "unix:mode")).isEqualTo(0104711);
    assertThat(Files.getAttribute(root.resolve("etc"), "unix:mode")).isEqualTo(040750);
    assertThat(Files.getLastModifiedTime(root.resolve("etc")).toInstant()).isEqualTo(T);
    assertThat(Files.readSymbolicLink(root.resolve("etc/link"))).hasToString("conf");
    assertThat(Files.getAttribute(root.resolve("etc/hard"), "unix:ino"))
        .isEqualTo(Files.getAttribute(root.resolve("etc/conf"), "unix:ino"));
    assertThat(
            (int)
                    Files.getAttribute(
                        root.resolve("run/pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS)
                & 0170000)
        .isEqualTo(0010000);
  }

  @Test
  void ownersAreSetWithChownOrRecorded() throws IOException {
    byte[] tar =
        layer(b -> b.file("f", EntryMeta.of(0644, 54321, 43210, T), FileSource.of(new byte[0])));
    FileOwnership record = FileOwnership.recordOnly();
    new LayerExtractor(root, record).apply(new ByteArrayInputStream(tar));
    assertThat(record.recorded(root.resolve("f"))).contains(new FileOwnership.Owner(54321, 43210));

    Path other = Files.createDirectories(tmp.resolve("chowned"));
    FileOwnership chosen = FileOwnership.detect(other);
    new LayerExtractor(other, chosen).apply(new ByteArrayInputStream(tar));
    int uid = (Integer) Files.getAttribute(other.resolve("f"), "unix:uid");
    assertThat(uid == 54321 || chosen.recorded(other.resolve("f")).isPresent()).isTrue();
  }

  @Test
  void whiteoutsAndOpaqueDirsRemoveLowerContent() throws IOException {
    apply(
        layer(
            b ->
                b.directory("a", EntryMeta.root(0755))
                    .file("a/old1", EntryMeta.root(0644), FileSource.of(new byte[1]))
                    .file("a/old2", EntryMeta.root(0644), FileSource.of(new byte[1]))
                    .directory("keep", EntryMeta.root(0755))
                    .file("keep/x", EntryMeta.root(0644), FileSource.of(new byte[1]))
                    .file("gone", EntryMeta.root(0644), FileSource.of(new byte[1]))));
    apply(
        layer(
            b ->
                b.directory("a", EntryMeta.root(0755))
                    .opaque("a")
                    .file("a/new", EntryMeta.root(0644), FileSource.of(new byte[1]))
                    .whiteout("gone")
                    .whiteout("keep/x")));

    assertThat(list(root)).containsExactly("a", "a/new", "keep");
  }

  private static List<String> list(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  static Stream<Object[]> hostile() {
    byte f = TarConstants.LF_NORMAL;
    byte sym = TarConstants.LF_SYMLINK;
    byte hard = TarConstants.LF_LINK;
    return Stream.of(
        new Object[] {
          "dotdot", new Raw[] {new Raw("../outside/keep", f, "")}, "\"..\" in the name"
        },
        new Object[] {"absolute", new Raw[] {new Raw("/etc/evil", f, "")}, "absolute name"},
        new Object[] {
          "symlinkParent",
          new Raw[] {new Raw("link", sym, "../outside"), new Raw("link/keep", f, "")},
          "symlink \"link\" points outside the root"
        },
        new Object[] {
          "hardlinkOut", new Raw[] {new Raw("h", hard, "../outside/keep")}, "\"..\" in the name"
        },
        new Object[] {
          "hardlinkThroughSymlink",
          new Raw[] {new Raw("l", sym, "../../outside"), new Raw("h", hard, "l/keep")},
          "points outside the root"
        },
        new Object[] {"rootSymlink", new Raw[] {new Raw("./", sym, "/etc")}, "replace the root"},
        new Object[] {"whiteoutDotdot", new Raw[] {new Raw(".wh..", f, "")}, "bad whiteout name"},
        new Object[] {
          "whiteoutThroughSymlink",
          new Raw[] {new Raw("l", sym, "../outside"), new Raw("l/.wh.keep", f, "")},
          "points outside the root"
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileEntriesFailNamingTheEntryAndTouchNothingOutside(
      String label, Raw[] entries, String why) throws IOException {
    byte[] tar = raw(entries);

    assertThatThrownBy(() -> apply(tar))
        .isInstanceOf(LayerException.class)
        .hasMessageContaining("would write outside the root")
        .hasMessageContaining(why)
        .hasMessageContaining(entries[entries.length - 1].name().replaceAll("/$", ""));
    assertThat(list(outside)).containsExactly("keep");
    assertThat(Files.readString(outside.resolve("keep"))).isEqualTo("untouched");
  }

  @Test
  void absoluteSymlinkInParentIsResolvedInsideTheRoot() throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib"));

    apply(raw(new Raw("lib/libc.so", TarConstants.LF_NORMAL, "")));

    assertThat(Files.readString(root.resolve("usr/lib/libc.so"))).isEqualTo("evil");
  }

  @Test
  void rootfsTarRoundTripsThroughExtraction() throws IOException {
    byte[] tar =
        layer(
            b ->
                b.directory("d", EntryMeta.of(0755, 0, 0, T))
                    .file("d/f", EntryMeta.of(0640, 7, 8, T), FileSource.of("x".getBytes(UTF_8)))
                    .symlink("d/s", EntryMeta.of(0777, 0, 0, T), "f"));
    FileOwnership owners = FileOwnership.recordOnly();
    new LayerExtractor(root, owners).apply(new ByteArrayInputStream(tar));
    Path out = tmp.resolve("rootfs.tar");

    RootfsTar.write(root, out, owners, null);

    List<TarRead.Item> items = TarRead.read(Files.readAllBytes(out));
    assertThat(items.stream().map(TarRead.Item::name)).containsExactly("d/", "d/f", "d/s");
    assertThat(items.get(1).entry().getLongUserId()).isEqualTo(7);
    assertThat(items.get(1).entry().getMode() & 07777).isEqualTo(0640);
  }
}
