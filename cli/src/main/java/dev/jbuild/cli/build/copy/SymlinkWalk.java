package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a path inside a root as if the root were "/": {@code ..} never climbs above it and
 * symlinks (absolute or relative) are followed inside it. The one place this rule lives; a
 * directory on disk ({@link ScopedResolver}) and an image's file index both use it.
 */
public final class SymlinkWalk {
  private static final int MAX_LINKS = 255;

  /** Where the symlink at a root-relative path points, or null when it is not a symlink. */
  @FunctionalInterface
  public interface Links {
    @Nullable String target(String relative) throws IOException;
  }

  private SymlinkWalk() {}

  /**
   * {@code path} with its symlinks resolved, relative to the root ("" for the root itself); with
   * {@code followLast} false a final symlink is kept as it is.
   *
   * @throws FileSystemLoopException after 255 links (a loop)
   */
  public static String resolve(String path, Links links, boolean followLast) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    push(pending, path);
    Deque<String> done = new ArrayDeque<>();
    int followed = 0;
    while (!pending.isEmpty()) {
      String seg = pending.pop();
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        done.pollLast();
        continue;
      }
      String candidate = done.isEmpty() ? seg : String.join("/", done) + "/" + seg;
      String target = followLast || !pending.isEmpty() ? links.target(candidate) : null;
      if (target == null) {
        done.addLast(seg);
        continue;
      }
      if (++followed > MAX_LINKS) {
        throw new FileSystemLoopException(path);
      }
      if (target.startsWith("/")) {
        done.clear();
      }
      push(pending, target);
    }
    return String.join("/", done);
  }

  private static void push(Deque<String> pending, String path) {
    String[] parts = path.split("/", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      pending.push(parts[i]);
    }
  }
}
