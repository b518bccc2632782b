package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a rootfs the way the kernel would after chroot: symlinks are followed
 * relative to the rootfs and ".." stops at its top, so no target escapes it.
 */
final class RootfsPaths {
  private static final int MAX_LINKS = 40;

  private RootfsPaths() {}

  static Path resolve(Path root, String containerPath) {
    Deque<String> todo = new ArrayDeque<>();
    pushFront(todo, containerPath);
    Path current = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        Path parent = current.getParent();
        current = current.equals(root) || parent == null ? root : parent;
        continue;
      }
      Path next = current.resolve(part);
      if (!Files.isSymbolicLink(next)) {
        current = next;
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new SandboxException("too many symlinks resolving " + containerPath + " in rootfs");
      }
      String target = readLink(next);
      if (target.startsWith("/")) {
        current = root;
      }
      pushFront(todo, target);
    }
    return current;
  }

  private static void pushFront(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new SandboxException("reading symlink " + link + ": " + e.getMessage(), e);
    }
  }
}
