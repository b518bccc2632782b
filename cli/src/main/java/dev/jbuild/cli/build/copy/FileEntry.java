package dev.jbuild.cli.build.copy;

import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry a COPY writes into a layer.
 *
 * @param path the path in the image, relative to "/" ("app/bin/tool")
 * @param mode permission bits including setuid/setgid/sticky (no file-type bits)
 * @param source where a regular file's content is read from
 * @param linkTarget a symlink's target
 */
public record FileEntry(
    String path,
    Kind kind,
    int mode,
    int uid,
    int gid,
    Instant mtime,
    @Nullable Path source,
    @Nullable String linkTarget) {

  /** A directory the step creates (mode 0755). */
  public static FileEntry newDirectory(String path, int uid, int gid, Instant mtime) {
    return new FileEntry(path, Kind.DIRECTORY, 0755, uid, gid, mtime, null, null);
  }

  /** What an entry is. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK
  }
}
