package dev.jbuild.cli.build;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Copies a file or directory tree: symlinks stay symlinks, modes and times are kept (directory
 * times restored after their contents), and an existing destination directory is merged into.
 */
public final class CopyTree {
  private CopyTree() {}

  public static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.getParent());
      Files.copy(
          from,
          to,
          StandardCopyOption.COPY_ATTRIBUTES,
          StandardCopyOption.REPLACE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);
      return;
    }
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
            Files.setAttribute(target, "unix:mode", Files.getAttribute(dir, "unix:mode"));
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(dir));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
