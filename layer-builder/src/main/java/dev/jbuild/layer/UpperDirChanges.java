package dev.jbuild.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an overlay upper directory (mounted with {@code userxattr}) as a layer: a char device 0/0
 * is a whiteout, a directory marked {@code user.overlay.opaque=y} is opaque, files sharing an inode
 * become hardlinks. Paths in {@code ignore} (and everything under them) are left out — the mount
 * stubs a sandbox created. The whiteout device's link count is not a hardlink.
 */
public final class UpperDirChanges {
  private static final String OPAQUE_XATTR = "overlay.opaque";

  private UpperDirChanges() {}

  /** Adds every change found in {@code upper} to {@code layer}; returns how many entries. */
  public static int addTo(LayerBuilder layer, Path upper, Set<String> ignore) throws IOException {
    Map<Object, String> firstPathOfInode = new HashMap<>();
    int count = 0;
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(upper)) {
      paths = walk.sorted().toList();
    }
    for (Path p : paths) {
      String rel = upper.relativize(p).toString();
      if (rel.isEmpty() || ignored(rel, ignore)) {
        continue;
      }
      count += add(layer, p, rel, firstPathOfInode);
    }
    return count;
  }

  private static int add(LayerBuilder layer, Path p, String rel, Map<Object, String> inodes)
      throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = get(a, "mode", Integer.class);
    int type = mode & 0170000;
    EntryMeta meta =
        EntryMeta.of(
            mode & 07777,
            get(a, "uid", Integer.class),
            get(a, "gid", Integer.class),
            get(a, "lastModifiedTime", FileTime.class).toInstant());
    switch (type) {
      case 0020000 -> { // character device
        long rdev = get(a, "rdev", Long.class);
        if (rdev == 0) {
          layer.whiteout(rel);
        } else {
          layer.device(rel, meta, false, major(rdev), minor(rdev));
        }
      }
      case 0060000 -> {
        long rdev = get(a, "rdev", Long.class);
        layer.device(rel, meta, true, major(rdev), minor(rdev));
      }
      case 0040000 -> {
        layer.directory(rel, meta);
        if (isOpaque(p)) {
          layer.opaque(rel);
        }
      }
      case 0120000 -> layer.symlink(rel, meta, Files.readSymbolicLink(p).toString());
      case 0010000 -> layer.fifo(rel, meta);
      case 0100000 -> {
        Object inode = a.get("ino") + ":" + a.get("dev");
        String first = get(a, "nlink", Integer.class) > 1 ? inodes.putIfAbsent(inode, rel) : null;
        if (first != null) {
          layer.hardlink(rel, meta, first);
        } else {
          layer.file(rel, meta, FileSource.of(p));
        }
      }
      default -> {
        return 0; // sockets are not part of an image
      }
    }
    return 1;
  }

  private static <T> T get(Map<String, Object> attrs, String name, Class<T> type) {
    return type.cast(java.util.Objects.requireNonNull(attrs.get(name), name));
  }

  private static boolean isOpaque(Path dir) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null || !view.list().contains(OPAQUE_XATTR)) {
      return false;
    }
    ByteBuffer buf = ByteBuffer.allocate(view.size(OPAQUE_XATTR));
    view.read(OPAQUE_XATTR, buf);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).startsWith("y");
  }

  private static boolean ignored(String rel, Set<String> ignore) {
    for (String i : ignore) {
      if (rel.equals(i) || rel.startsWith(i + "/")) {
        return true;
      }
    }
    return false;
  }

  private static int major(long rdev) {
    return (int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL));
  }

  private static int minor(long rdev) {
    return (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL));
  }
}
