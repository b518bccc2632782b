package dev.jbuild.cli.uptodate;

import dev.jbuild.cli.build.copy.StatAttributes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * One path an up-to-date record depends on, as an lstat saw it, or its absence. Owner and mode are
 * not kept: changing either (like any write, rename or re-link) moves the ctime, which is.
 *
 * @param type the st_mode file-type bits; 0 when the path did not exist
 */
public record WatchedPath(
    String path, int type, long size, long mtimeNanos, long ctimeNanos, long inode) {
  static WatchedPath of(Path path, StatAttributes a) {
    return new WatchedPath(
        path.toString(), a.type(), a.size(), a.mtimeNanos(), a.ctimeNanos(), a.inode());
  }

  /** An lstat of {@code path} now; absent when it (or a parent) does not exist. */
  static WatchedPath lstat(Path path) throws IOException {
    try {
      return of(path, StatAttributes.read(path));
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new WatchedPath(path.toString(), 0, 0, 0, 0, 0);
    }
  }

  boolean present() {
    return type != 0;
  }

  /**
   * Whether the path changed after {@code sinceNanos} (epoch nanoseconds), or so shortly before it
   * that a later change within the same timestamp tick would leave mtime and ctime as they are.
   */
  boolean changedAfter(long sinceNanos, long racyNanos) {
    return present() && Math.max(mtimeNanos, ctimeNanos) > sinceNanos - racyNanos;
  }
}
