package dev.jbuild.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/** Durable writes: temp sibling, fsync, atomic rename, fsync of the directory. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code dest} with {@code bytes} so readers see the old or the new file, never half.
   */
  public static void write(Path dest, byte[] bytes) throws IOException {
    Path dir = dest.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + dest.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(tmp, dest, true);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * As {@link #write} without the fsyncs: readers see the old or the new file, but a crash may
   * leave either or an empty one. For caches whose files carry their own checksum.
   */
  public static void replace(Path dest, byte[] bytes) throws IOException {
    Path dir = dest.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + dest.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically; with {@code replace=false} an existing {@code
   * to} wins and {@code from} is deleted (content-addressed files are equal by name).
   */
  public static void move(Path from, Path to, boolean replace) throws IOException {
    try {
      if (replace) {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } else if (Files.exists(to)) {
        deleteTree(from);
        return;
      } else {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (FileAlreadyExistsException e) {
      deleteTree(from);
      return;
    } catch (IOException e) {
      if (!replace && Files.exists(to) && !(e instanceof AtomicMoveNotSupportedException)) {
        // another writer won the race on a non-empty directory
        deleteTree(from);
        return;
      }
      throw e;
    }
    fsyncDir(to.toAbsolutePath().getParent());
  }

  static void fsyncDir(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some filesystems refuse fsync on directories; the rename is still atomic
    }
  }

  /** Deletes a file or a directory tree without following symlinks; missing is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            d.toFile().setWritable(true, true);
            d.toFile().setExecutable(true, true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void delete(Path p) throws IOException {
    try {
      Files.delete(p);
    } catch (NoSuchFileException e) {
      // already gone
    }
  }
}
