package dev.jbuild.store;

import dev.jbuild.image.Digest;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One prune pass: deletes unkept entries older than {@code cutoff} and counts what that freed. An
 * unpacked layer is first renamed into a private temp dir, so no reader sees it half deleted.
 */
final class Sweep {
  private final Instant cutoff;
  private final Path garbage;
  private final List<String> failures = new ArrayList<>();
  private int blobs;
  private int layers;
  private int cacheEntries;
  private int poolFiles;
  private long bytes;

  Sweep(Instant cutoff, Path garbage) {
    this.cutoff = cutoff;
    this.garbage = garbage;
  }

  /** Drops old cache entries when {@code all}; otherwise keeps what each entry names. */
  void cache(Path dir, boolean all, Reachable keep) throws IOException {
    for (Path entry : CacheReferences.files(dir)) {
      if (all && isOld(entry)) {
        long size = StoreMaintenance.sizeOrZero(entry);
        Files.deleteIfExists(entry);
        cacheEntries++;
        bytes += size;
      } else {
        keep.addReferenced(CacheReferences.digests(entry));
      }
    }
  }

  void blobs(Path dir, Set<Digest> keep) throws IOException {
    for (Path blob : StoreMaintenance.list(dir)) {
      Digest d = StoreMaintenance.digestOf(blob);
      if (d == null || keep.contains(d) || !isOld(blob)) {
        continue;
      }
      long size = StoreMaintenance.sizeOrZero(blob);
      Files.deleteIfExists(blob);
      blobs++;
      bytes += size;
    }
  }

  void layers(Path dir, Set<Digest> keepDiffIds) throws IOException {
    for (Path layer : StoreMaintenance.list(dir)) {
      Digest d = StoreMaintenance.digestOf(layer);
      if (d == null || keepDiffIds.contains(d) || !isOld(layer)) {
        continue;
      }
      String blocker = UndeletableTree.find(layer, garbage);
      if (blocker != null) {
        failures.add("layers/" + d.hex() + ": " + blocker);
        continue;
      }
      long size = TreeSize.of(layer);
      Path moved = garbage.resolve(UUID.randomUUID().toString());
      Files.move(layer, moved);
      AtomicFiles.deleteTree(moved);
      layers++;
      bytes += size;
    }
  }

  /**
   * Drops pool files no unpacked layer links any more (link count 1). A build links a new pool file
   * before it enters the pool, and one that finds an existing file gone writes it again, so a
   * running build never loses one it needs.
   */
  void pool(Path dir) throws IOException {
    for (Path fan : StoreMaintenance.list(dir)) {
      for (Path f : StoreMaintenance.list(fan)) {
        java.util.Map<String, Object> a =
            Files.readAttributes(f, "unix:nlink,size", LinkOption.NOFOLLOW_LINKS);
        if (Integer.valueOf(1).equals(a.get("nlink"))) {
          Files.deleteIfExists(f);
          poolFiles++;
          bytes += (Long) java.util.Objects.requireNonNull(a.get("size"));
        }
      }
    }
  }

  /** Deletes what finished sessions left in {@code tmp/trash/} (a later build may do it first). */
  void trash(Path dir) throws IOException {
    for (Path entry : StoreMaintenance.list(dir)) {
      long size = TreeSize.of(entry);
      try {
        AtomicFiles.deleteTree(entry);
        bytes += size;
      } catch (java.nio.file.AccessDeniedException e) {
        // files of another uid (a RUN in a user namespace): the next build deletes them
      } catch (java.nio.file.NoSuchFileException e) {
        // another process emptied it first
      }
    }
  }

  /** Drops the side files kept per blob ({@code layer-headers/<hex>.bin}) whose blob is gone. */
  void sideFiles(Path dir, Path blobDir) throws IOException {
    for (Path f : StoreMaintenance.list(dir)) {
      String name = f.getFileName().toString();
      boolean orphan =
          name.endsWith(".bin")
              && !Files.exists(blobDir.resolve(name.substring(0, name.length() - 4)));
      if (orphan) {
        bytes += StoreMaintenance.sizeOrZero(f);
        Files.deleteIfExists(f);
      }
    }
  }

  /**
   * Drops the mappings of {@code compressed/} whose blob is gone: a mapping keeps nothing alive.
   */
  void compressedCopies(Path dir, Path blobDir) throws IOException {
    for (Path f : StoreMaintenance.list(dir)) {
      if (f.getFileName().toString().endsWith(".tmp")) {
        continue; // a mapping being written, or a leftover for tempFiles
      }
      java.util.Optional<CompressedCopies.Copy> c = CompressedCopies.read(f);
      if (c.isEmpty()
          || !CompressedCopies.present(blobDir.resolve(c.get().digest().hex()), c.get().size())) {
        bytes += StoreMaintenance.sizeOrZero(f);
        Files.deleteIfExists(f);
      }
    }
  }

  /** Temp files a killed writer left (these caches are replaced whole, by rename). */
  void tempFiles(Path dir) throws IOException {
    for (Path f : StoreMaintenance.list(dir)) {
      String name = f.getFileName().toString();
      if ((name.startsWith(".tmp") || name.endsWith(".tmp")) && isOld(f)) {
        bytes += StoreMaintenance.sizeOrZero(f);
        Files.deleteIfExists(f);
      }
    }
  }

  /**
   * Drops every up-to-date record ({@code uptodate/}): each says a build's answer is still valid,
   * and a prune may have removed the cache entries it stood on, so the next build checks again.
   */
  void records(Path dir) throws IOException {
    for (Path f : StoreMaintenance.list(dir)) {
      bytes += StoreMaintenance.sizeOrZero(f);
      Files.deleteIfExists(f);
    }
  }

  PruneReport report() {
    return new PruneReport(blobs, layers, cacheEntries, poolFiles, bytes, failures);
  }

  private boolean isOld(Path p) throws IOException {
    return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
  }

  /** Finds why a tree cannot be deleted by this user, before any of it is touched. */
  static final class UndeletableTree {
    private UndeletableTree() {}

    /** {@code mine} is a directory this process created: its owner is our user. */
    static @org.jspecify.annotations.Nullable String find(Path root, Path mine) throws IOException {
      int me = (Integer) Files.getAttribute(mine, "unix:uid");
      if (me == 0) {
        return null;
      }
      String[] why = {null};
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                throws IOException {
              int owner = (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
              if (owner != me) {
                why[0] =
                    "holds directories owned by uid "
                        + owner
                        + " (unpacked in a user namespace); delete it as root or from inside"
                        + " the namespace: `jbuild unshare rm -rf "
                        + root
                        + "`";
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              why[0] = "cannot read " + root.relativize(f) + ": " + e.getMessage();
              return FileVisitResult.TERMINATE;
            }
          });
      return why[0];
    }
  }
}
