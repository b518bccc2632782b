package dev.jbuild.cli;

import dev.jbuild.layer.EntryMeta;
import dev.jbuild.layer.FileSource;
import dev.jbuild.layer.LayerBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The local and tar outputs: the final stage's filesystem as a directory or a tar. Both appear at
 * their destination only when complete.
 */
final class RootfsExport {
  private RootfsExport() {}

  static void toDirectory(Path rootfs, Path dest) throws IOException {
    Path parent = dest.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dest.getFileName() + ".");
    try {
      copyTree(rootfs, tmp);
      if (Files.isDirectory(dest)) {
        // buildx merges into an existing directory; keep that, file by file.
        copyTree(tmp, dest);
        deleteTree(tmp);
      } else {
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** Writes the tree as a tar to {@code dest}, or to standard output when dest is null. */
  static void toTar(Path rootfs, @Nullable Path dest) throws IOException {
    LayerBuilder tar = LayerBuilder.create();
    try (Stream<Path> walk = Files.walk(rootfs)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        String rel = rootfs.relativize(p).toString();
        if (!rel.isEmpty()) {
          add(tar, p, rel);
        }
      }
    }
    if (dest == null) {
      tar.writeTar(new NonClosing(System.out));
      System.out.flush();
      return;
    }
    Path parent = dest.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + dest.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        tar.writeTar(out);
      }
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void add(LayerBuilder tar, Path p, String rel) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    EntryMeta meta =
        EntryMeta.of(
            mode, uid, gid, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant());
    if (Files.isSymbolicLink(p)) {
      tar.symlink(rel, meta, Files.readSymbolicLink(p).toString());
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      tar.directory(rel, meta);
    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      tar.file(rel, meta, FileSource.of(p));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
              Files.copy(
                  dir, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                StandardCopyOption.REPLACE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(dir));
            Files.setAttribute(target, "unix:mode", Files.getAttribute(dir, "unix:mode"));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Keeps System.out open after the tar is written. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
