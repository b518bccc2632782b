package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the mount targets a sandbox needs and removes them after the step, like BuildKit's mount
 * stub cleaner: a stub is removed only while still empty (so a step's own writes stay), and the
 * existing parent gets its times back.
 */
final class MountStubs {
  private record Created(Path leaf, Path existingParent, FileTime mtime, FileTime atime) {}

  private final Path root;
  private final List<Created> created = new ArrayList<>();

  MountStubs(Path root) {
    this.root = root;
  }

  /** The host path of {@code target} in the rootfs, created (dir or empty file) if missing. */
  Path ensure(String target, boolean file) {
    Path leaf = RootfsPaths.resolve(root, target);
    if (Files.exists(leaf, LinkOption.NOFOLLOW_LINKS)) {
      return leaf;
    }
    Path parent = leaf.getParent();
    while (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
      parent = parent.getParent();
    }
    if (parent == null || !parent.startsWith(root)) {
      throw new SandboxException("mount target " + target + " resolves outside the rootfs");
    }
    try {
      BasicFileAttributes times = Files.readAttributes(parent, BasicFileAttributes.class);
      created.add(new Created(leaf, parent, times.lastModifiedTime(), times.lastAccessTime()));
      Files.createDirectories(file ? leaf.getParent() : leaf);
      if (file) {
        Files.createFile(leaf);
      }
      return leaf;
    } catch (IOException e) {
      throw new SandboxException("creating mount target " + target + ": " + e.getMessage(), e);
    }
  }

  /** Removes the stubs still empty, newest first; returns them rootfs-relative. Idempotent. */
  List<String> removeAll() {
    List<String> removed = new ArrayList<>();
    for (int i = created.size() - 1; i >= 0; i--) {
      Created c = created.get(i);
      for (Path p = c.leaf(); p != null && !p.equals(c.existingParent()); p = p.getParent()) {
        if (!removeIfEmpty(p)) {
          break;
        }
        removed.add(root.relativize(p).toString());
      }
      restoreTimes(c);
    }
    created.clear();
    return removed;
  }

  private static boolean removeIfEmpty(Path p) {
    try {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) > 0) {
        return false;
      }
      return Files.deleteIfExists(p);
    } catch (DirectoryNotEmptyException e) {
      return false;
    } catch (IOException e) {
      throw new SandboxException("removing mount stub " + p + ": " + e.getMessage(), e);
    }
  }

  private static void restoreTimes(Created c) {
    try {
      Files.getFileAttributeView(c.existingParent(), BasicFileAttributeView.class)
          .setTimes(c.mtime(), c.atime(), null);
    } catch (IOException e) {
      throw new SandboxException("restoring times of " + c.existingParent() + ": " + e, e);
    }
  }
}
