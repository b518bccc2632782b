package dev.jbuild.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a root like a chroot would: symlinks in the path are followed, an absolute
 * link target starts again at the root, and any link whose target climbs above the root is an error
 * (naming the link) rather than being clamped, since it can only be an attack or a broken image.
 * The final component is never followed.
 */
final class ScopedResolver {
  private static final int MAX_LINKS = 40;
  private final Path root;

  ScopedResolver(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** Resolves the parent directories of relative path {@code rel}; returns the full path. */
  Path resolveParent(String rel, String entry) throws IOException {
    int slash = rel.lastIndexOf('/');
    String parent = slash < 0 ? "" : rel.substring(0, slash);
    String name = slash < 0 ? rel : rel.substring(slash + 1);
    return resolveDir(parent, entry).resolve(name);
  }

  /** Resolves every component of {@code rel}, following symlinks, staying in the root. */
  Path resolveDir(String rel, String entry) throws IOException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, rel);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pop();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (done.isEmpty()) {
          throw escape(entry, "\"..\" above the root");
        }
        done.removeLast();
        continue;
      }
      Path p = current(done).resolve(c);
      if (Files.isSymbolicLink(p)) {
        if (++links > MAX_LINKS) {
          throw new LayerException(
              "layer entry " + LayerPaths.printable(entry) + ": too many symlinks");
        }
        String target = Files.readSymbolicLink(p).toString();
        if (target.startsWith("/")) {
          done.clear();
        } else if (climbsOut(done.size(), target)) {
          throw escape(
              entry,
              "symlink "
                  + LayerPaths.printable(root.relativize(p).toString())
                  + " points outside the root ("
                  + target
                  + ")");
        }
        push(todo, target);
        continue;
      }
      done.addLast(c);
    }
    return current(done);
  }

  private Path current(Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static boolean climbsOut(int depth, String target) {
    int d = depth;
    for (String c : target.split("/")) {
      if (c.equals("..")) {
        if (--d < 0) {
          return true;
        }
      } else if (!c.isEmpty() && !c.equals(".")) {
        d++;
      }
    }
    return false;
  }

  static LayerException escape(String entry, String why) {
    return new LayerException(
        "layer entry " + LayerPaths.printable(entry) + " would write outside the root: " + why);
  }

  static boolean isDir(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }
}
