package dev.jbuild.cli.build;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.image.Digests;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LowerDirWriterTest {
  private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);
  private static final Instant OLD = Instant.parse("2020-09-13T12:26:40.123456789Z");

  @TempDir Path tmp;

  /** Digests as the build's source hashing knows them: of the file as it was when hashed. */
  private ContentDigests hashedNow(Path... files) throws IOException {
    List<ContentDigests.Known> known = new ArrayList<>();
    for (Path f : files) {
      known.add(new ContentDigests.Known(Digests.sha256(f).hex(), StatAttributes.read(f)));
    }
    return file -> {
      for (int i = 0; i < files.length; i++) {
        if (files[i].equals(file)) {
          return known.get(i);
        }
      }
      return null;
    };
  }

  private Path source(String name, String content) throws IOException {
    Path p = Files.writeString(Files.createDirectories(tmp.resolve("ctx")).resolve(name), content);
    Files.setLastModifiedTime(p, FileTime.from(OLD));
    return p;
  }

  private static FileEntry file(String path, Path source, int mode) {
    return new FileEntry(path, FileEntry.Kind.FILE, mode, 0, 0, OLD, source, null);
  }

  private static long poolFiles(LocalStore store) throws IOException {
    Path pool = store.root().resolve("pool");
    if (!Files.isDirectory(pool)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(pool)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  private static Object attr(Path p, String name) throws IOException {
    return Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
  }

  private LowerDirWriter writer(LocalStore store, ContentDigests digests) {
    return new LowerDirWriter(store.pool(), digests, store::newTempDir, EPOCH);
  }

  @Test
  void writesFilesWithModeOwnerAndTheLayersTimeAndNeverLinksTwoPaths() throws IOException {
    Path a = source("a.txt", "same\n");
    Path b = source("b.txt", "same\n");
    Path tool = source("tool", "#!/bin/sh\n");
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      Path dir = store.newTempDir();
      List<FileEntry> entries =
          List.of(
              FileEntry.newDirectory("src", 0, 0, EPOCH.plusSeconds(99)),
              file("src/a.txt", a, 0644),
              file("src/b.txt", b, 0644),
              file("src/tool", tool, 04750));

      writer(store, hashedNow(a, b, tool)).write(entries, dir);

      assertThat(dir.resolve("src/a.txt")).hasContent("same\n");
      assertThat(attr(dir.resolve("src/a.txt"), "ino"))
          .isNotEqualTo(attr(dir.resolve("src/b.txt"), "ino"));
      assertThat((Integer) attr(dir.resolve("src/tool"), "mode") & 07777).isEqualTo(04750);
      assertThat((Integer) attr(dir.resolve("src"), "mode") & 07777).isEqualTo(0755);
      // as the tar header carries it: whole seconds, clamped to SOURCE_DATE_EPOCH
      assertThat(Files.getLastModifiedTime(dir.resolve("src/a.txt")).toInstant())
          .isEqualTo(Instant.parse("2020-09-13T12:26:40Z"));
      assertThat(Files.getLastModifiedTime(dir.resolve("src")).toInstant()).isEqualTo(EPOCH);
      assertThat(poolFiles(store)).isEqualTo(3);
    }
  }

  @Test
  void rewritingAfterOneSourceChangedAddsExactlyOnePoolFile() throws IOException {
    Path a = source("a.txt", "one\n");
    Path b = source("b.txt", "two\n");
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      List<FileEntry> entries = List.of(file("a.txt", a, 0644), file("b.txt", b, 0644));
      Path first = store.newTempDir();
      writer(store, hashedNow(a, b)).write(entries, first);
      Files.writeString(a, "one, edited\n");
      Files.setLastModifiedTime(a, FileTime.from(OLD));

      Path second = store.newTempDir();
      writer(store, hashedNow(a, b)).write(entries, second);

      assertThat(poolFiles(store)).isEqualTo(3);
      assertThat(second.resolve("a.txt")).hasContent("one, edited\n");
      assertThat(first.resolve("a.txt")).hasContent("one\n");
      assertThat(attr(second.resolve("b.txt"), "ino"))
          .isEqualTo(attr(first.resolve("b.txt"), "ino"));
    }
  }

  @Test
  void sourceWithoutAKnownDigestIsHashedWhileCopiedAndSharedNextTime() throws IOException {
    Path a = source("a.txt", "from another stage\n");
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      List<FileEntry> entries = List.of(file("app/a.txt", a, 0644));
      Path first = store.newTempDir();
      writer(store, ContentDigests.NONE).write(entries, first);
      Path second = store.newTempDir();
      writer(store, ContentDigests.NONE).write(entries, second);

      assertThat(second.resolve("app/a.txt")).hasContent("from another stage\n");
      assertThat(attr(second.resolve("app/a.txt"), "ino"))
          .isEqualTo(attr(first.resolve("app/a.txt"), "ino"));
      assertThat(poolFiles(store)).isEqualTo(1);
    }
  }

  @Test
  void sourceChangedAfterHashingIsPooledUnderWhatWasCopied() throws IOException {
    Path a = source("a.txt", "hashed\n");
    try (LocalStore store = LocalStore.open(tmp.resolve("store"))) {
      ContentDigests stale = hashedNow(a);
      Files.writeString(a, "changed meanwhile\n");
      Path dir = store.newTempDir();
      writer(store, stale).write(List.of(file("a.txt", a, 0644)), dir);

      String sha = Digests.sha256("changed meanwhile\n".getBytes(UTF_8)).hex();
      Path pooled = poolFileOf(store, dir.resolve("a.txt"));
      assertThat(pooled).hasContent("changed meanwhile\n");
      assertThat(
              store
                  .pool()
                  .path(
                      new dev.jbuild.store.FilePool.Key(
                          "a.txt", sha, 0644, 0, 0, Instant.parse("2020-09-13T12:26:40Z"))))
          .isEqualTo(pooled);
    }
  }

  private static Path poolFileOf(LocalStore store, Path linked) throws IOException {
    Object ino = attr(linked, "ino");
    try (Stream<Path> s = Files.walk(store.root().resolve("pool"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && attr(p, "ino").equals(ino)) {
          return p;
        }
      }
    }
    throw new AssertionError("no pool file for " + linked);
  }
}
