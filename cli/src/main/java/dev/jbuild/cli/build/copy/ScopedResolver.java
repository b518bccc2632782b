package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a root directory as if the root were "/": {@code ..} never climbs above
 * the root and symlinks (absolute or relative) are followed inside it, so a context or rootfs can
 * never lead a build outside of itself.
 */
public final class ScopedResolver {
  private static final int MAX_LINKS = 255;

  private ScopedResolver() {}

  /**
   * The real location of {@code relative} under {@code root}; with {@code followLast} false the
   * final component is not followed when it is a symlink.
   */
  public static Path resolve(Path root, String relative, boolean followLast) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    pushSegments(pending, relative);
    Deque<String> resolved = new ArrayDeque<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String seg = pending.pop();
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        resolved.pollLast();
        continue;
      }
      Path candidate = join(root, resolved).resolve(seg);
      boolean last = pending.isEmpty();
      if ((followLast || !last) && Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new IOException(relative + ": too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        pushSegments(pending, target);
        continue;
      }
      resolved.addLast(seg);
    }
    return join(root, resolved);
  }

  /** The path of {@code real} relative to {@code root}, with '/' separators ("" for the root). */
  static String relativize(Path root, Path real) {
    return root.relativize(real).toString();
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static void pushSegments(Deque<String> pending, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      pending.push(parts[i]);
    }
  }

  private static Path join(Path root, Deque<String> segments) {
    Path p = root;
    for (String s : segments) {
      p = p.resolve(s);
    }
    return p;
  }
}
