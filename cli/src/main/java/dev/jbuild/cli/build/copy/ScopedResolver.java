package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a path inside a root directory as if the root were "/": {@code ..} never climbs above
 * the root and symlinks (absolute or relative) are followed inside it, so a context or rootfs can
 * never lead a build outside of itself.
 */
public final class ScopedResolver {
  private ScopedResolver() {}

  /**
   * The real location of {@code relative} under {@code root}; with {@code followLast} false the
   * final component is not followed when it is a symlink.
   */
  public static Path resolve(Path root, String relative, boolean followLast) throws IOException {
    return resolve(root, relative, followLast, PathWatch.NONE);
  }

  /** As {@link #resolve(Path, String, boolean)}, telling {@code watch} each component looked up. */
  static Path resolve(Path root, String relative, boolean followLast, PathWatch watch)
      throws IOException {
    String inside =
        SymlinkWalk.resolve(
            relative,
            p -> {
              Path component = root.resolve(p);
              watch.lookedUp(component);
              return linkTarget(component);
            },
            followLast);
    return inside.isEmpty() ? root : root.resolve(inside);
  }

  private static @Nullable String linkTarget(Path p) throws IOException {
    return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
  }

  /** The path of {@code real} relative to {@code root}, with '/' separators ("" for the root). */
  static String relativize(Path root, Path real) {
    return root.relativize(real).toString();
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
