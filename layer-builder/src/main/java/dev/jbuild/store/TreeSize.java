package dev.jbuild.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** Sizes of files and trees; unreadable parts (another user's files) count as zero. */
final class TreeSize {
  private TreeSize() {}

  /** The pool's files: their inodes (file keys) and total size. */
  record Pooled(Set<Object> inodes, long bytes) {}

  static long of(Path root) throws IOException {
    return of(root, Set.of());
  }

  /** Regular files under {@code root}, except those whose inode is in {@code skip}. */
  static long of(Path root, Set<Object> skip) throws IOException {
    long[] total = {0};
    walk(root, a -> total[0] += skip.contains(a.fileKey()) ? 0 : a.size());
    return total[0];
  }

  static Pooled pool(Path root) throws IOException {
    Set<Object> inodes = new HashSet<>();
    long[] total = {0};
    walk(
        root,
        a -> {
          Object key = a.fileKey();
          if (key != null) {
            inodes.add(key);
          }
          total[0] += a.size();
        });
    return new Pooled(inodes, total[0]);
  }

  private interface FileVisit {
    void file(BasicFileAttributes a);
  }

  private static void walk(Path root, FileVisit visit) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (a.isRegularFile()) {
              visit.file(a);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
