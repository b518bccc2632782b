package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.image.DigestingOutputStream;
import dev.jbuild.image.Digests;
import dev.jbuild.store.FilePool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a COPY, ADD or WORKDIR layer's entries as an overlay lower dir, the way extracting the
 * layer's tar would: times clamped to SOURCE_DATE_EPOCH and cut to whole seconds. Regular files are
 * hard links to {@link FilePool} files, so a rebuild that changes one source writes one file; a
 * file's content digest comes from the build's source hashing when it has one, else it is hashed
 * while it is copied into the pool.
 */
final class LowerDirWriter {
  private final FilePool pool;
  private final ContentDigests digests;
  private final TempDirs tempDirs;
  private final @Nullable Instant clamp;

  LowerDirWriter(
      FilePool pool, ContentDigests digests, TempDirs tempDirs, @Nullable Instant clamp) {
    this.pool = pool;
    this.digests = digests;
    this.tempDirs = tempDirs;
    this.clamp = clamp;
  }

  void write(List<FileEntry> entries, Path root) throws IOException {
    Path scratch = tempDirs.get();
    List<FileEntry> dirs = new ArrayList<>();
    Set<String> files = new HashSet<>();
    Set<Path> made = new HashSet<>();
    int n = 0;
    for (FileEntry e : entries) {
      Path p = root.resolve(e.path());
      switch (e.kind()) {
        case DIRECTORY -> {
          mkdirs(p, made);
          dirs.add(e);
        }
        case FILE -> {
          mkdirs(p.getParent(), made);
          if (!files.add(e.path())) {
            Files.deleteIfExists(p); // a later entry for the same path wins, as in the tar
          }
          file(e, p, scratch.resolve("f" + n++));
        }
        case SYMLINK -> {
          mkdirs(p.getParent(), made);
          Files.createSymbolicLink(p, Path.of(Objects.requireNonNull(e.linkTarget())));
        }
      }
    }
    // Directory modes and times last, so writing their children does not undo them.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      finish(root.resolve(dirs.get(i).path()), dirs.get(i));
    }
  }

  /** Creates {@code dir} and its parents once per write (thousands of files share a few dirs). */
  private static void mkdirs(@Nullable Path dir, Set<Path> made) throws IOException {
    if (dir != null && made.add(dir)) {
      Files.createDirectories(dir);
    }
  }

  private void file(FileEntry e, Path dest, Path tmp) throws IOException {
    Path source = Objects.requireNonNull(e.source(), "file entry without content");
    ContentDigests.Known known = digests.known(source);
    String sha;
    if (known != null) {
      if (pool.linkExisting(key(e, known.sha256()), known.stat().size(), dest)) {
        return;
      }
      Files.copy(source, tmp);
      // Changed since it was hashed: the pool file is named by what was copied.
      sha = StatAttributes.read(source).equals(known.stat()) ? known.sha256() : sha256(tmp);
    } else {
      sha = copyHashing(source, tmp);
      if (pool.linkExisting(key(e, sha), Files.size(tmp), dest)) {
        Files.delete(tmp);
        return;
      }
    }
    finish(tmp, e);
    pool.add(key(e, sha), tmp, dest);
  }

  private FilePool.Key key(FileEntry e, String sha) {
    return new FilePool.Key(e.path(), sha, e.mode(), e.uid(), e.gid(), time(e));
  }

  /** The entry's time as its tar header carries it. */
  private Instant time(FileEntry e) {
    Instant t = e.mtime();
    if (clamp != null && t.isAfter(clamp)) {
      t = clamp;
    }
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  private void finish(Path p, FileEntry e) throws IOException {
    try {
      Files.setAttribute(p, "unix:uid", e.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", e.gid(), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Without namespace powers the lower copy keeps our own ids; the layer records the real ones.
    }
    Files.setAttribute(p, "unix:mode", e.mode());
    Files.setLastModifiedTime(p, FileTime.from(time(e)));
  }

  private static String copyHashing(Path source, Path tmp) throws IOException {
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(tmp)) {
      DigestingOutputStream digesting = Digests.digesting(out);
      in.transferTo(digesting);
      digesting.flush();
      return digesting.digest().hex();
    }
  }

  private static String sha256(Path file) throws IOException {
    return Digests.sha256(file).hex();
  }
}
