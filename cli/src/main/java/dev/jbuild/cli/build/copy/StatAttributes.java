package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@code lstat} tells about a path: enough to decide whether a cached content digest is
 * still valid and to digest the entry's metadata.
 *
 * @param mode the raw st_mode: file-type bits and permission bits
 */
public record StatAttributes(
    long size, long mtimeNanos, long ctimeNanos, long inode, int mode, int uid, int gid) {
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,mode,uid,gid";
  private static final int TYPE_MASK = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int SYMLINK = 0120000;

  /** One {@code lstat} of {@code path} (a final symlink is not followed). */
  public static StatAttributes read(Path path) throws IOException {
    if (UnixFields.available()) {
      StatAttributes fast =
          UnixFields.read(
              Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
      if (fast != null) {
        return fast;
      }
    }
    return readMap(path);
  }

  /** {@link #read} through the public {@code "unix:..."} attribute map. */
  static StatAttributes readMap(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new StatAttributes(
        get(a, "size", Long.class),
        nanos(get(a, "lastModifiedTime", FileTime.class)),
        nanos(get(a, "ctime", FileTime.class)),
        get(a, "ino", Long.class),
        get(a, "mode", Integer.class),
        get(a, "uid", Integer.class),
        get(a, "gid", Integer.class));
  }

  private static <T> T get(Map<String, Object> attributes, String name, Class<T> type) {
    return type.cast(Objects.requireNonNull(attributes.get(name), name));
  }

  /** The file-type bits of the mode (directory, regular file, symlink, ...). */
  public int type() {
    return mode & TYPE_MASK;
  }

  public boolean isDirectory() {
    return type() == DIRECTORY;
  }

  public boolean isRegularFile() {
    return type() == REGULAR;
  }

  public boolean isSymbolicLink() {
    return type() == SYMLINK;
  }

  /** The modification time. */
  public Instant mtime() {
    return Instant.ofEpochSecond(0, mtimeNanos);
  }

  /** Permission bits including setuid, setgid and sticky. */
  public int permissions() {
    return mode & 07777;
  }

  /** {@code t} in nanoseconds since the epoch, the unit of the times above. */
  public static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static long nanos(FileTime t) {
    return epochNanos(t.toInstant());
  }
}
