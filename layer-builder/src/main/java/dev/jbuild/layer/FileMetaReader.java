package dev.jbuild.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** lstat-level facts about one file, read through the JDK's {@code unix:} attribute view. */
record FileMetaReader(
    Path path, char type, EntryMeta meta, long size, long ino, long dev, int nlink, long rdev) {
  static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  static FileMetaReader read(Path path, FileOwnership owners) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:*", NOFOLLOW);
    int mode = (Integer) attr(a, "mode");
    FileOwnership.Owner owner =
        owners
            .recorded(path)
            .orElse(new FileOwnership.Owner((Integer) attr(a, "uid"), (Integer) attr(a, "gid")));
    FileTime mtime = (FileTime) attr(a, "lastModifiedTime");
    char type = type(mode);
    // only files and dirs: the JDK opens the file to list xattrs, which blocks on a fifo
    Map<String, String> x = type == 'f' || type == 'd' ? userXattrs(path) : Map.of();
    return new FileMetaReader(
        path,
        type,
        new EntryMeta(mode & 07777, owner.uid(), owner.gid(), mtime.toInstant(), x),
        (Long) attr(a, "size"),
        (Long) attr(a, "ino"),
        (Long) attr(a, "dev"),
        (Integer) attr(a, "nlink"),
        (Long) attr(a, "rdev"));
  }

  private static Object attr(Map<String, Object> a, String name) {
    return java.util.Objects.requireNonNull(a.get(name), name);
  }

  private static char type(int mode) {
    switch (mode & 0170000) {
      case 0040000:
        return 'd';
      case 0100000:
        return 'f';
      case 0120000:
        return 'l';
      case 0020000:
        return 'c';
      case 0060000:
        return 'b';
      case 0010000:
        return 'p';
      default:
        return '?';
    }
  }

  boolean isWhiteoutDevice() {
    return type == 'c' && rdev == 0;
  }

  int major() {
    return (int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfff));
  }

  int minor() {
    return (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xff));
  }

  /** user.* xattrs, overlay ones excluded; empty where the filesystem has none. */
  static Map<String, String> userXattrs(Path path) {
    Map<String, String> out = new TreeMap<>();
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
    if (view == null) {
      return out;
    }
    try {
      for (String name : view.list()) {
        if (name.startsWith("overlay.")) {
          continue;
        }
        ByteBuffer buf = ByteBuffer.allocate(view.size(name));
        view.read(name, buf);
        out.put("user." + name, new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // no xattr support here
    }
    return out;
  }

  /** Value of user xattr {@code name} (without {@code user.}), or null. */
  static @Nullable String userXattr(Path path, String name) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
    if (view == null) {
      return null;
    }
    try {
      if (!view.list().contains(name)) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(view.size(name));
      view.read(name, buf);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
