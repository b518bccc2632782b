package dev.jbuild.layer;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Owner, permission bits (including setuid/setgid/sticky, no file-type bits), modification time and
 * extended attributes of one tar entry. xattr values are UTF-8 text as tar PAX carries them.
 */
public record EntryMeta(int mode, int uid, int gid, Instant mtime, Map<String, String> xattrs) {
  public EntryMeta {
    if ((mode & ~07777) != 0) {
      throw new LayerException(
          "mode " + Integer.toOctalString(mode) + " has bits outside 07777 (file type bits?)");
    }
    if (uid < 0 || gid < 0) {
      throw new LayerException("negative uid/gid " + uid + ":" + gid);
    }
    xattrs = Collections.unmodifiableMap(new TreeMap<>(xattrs));
  }

  public static EntryMeta of(int mode, int uid, int gid, Instant mtime) {
    return new EntryMeta(mode, uid, gid, mtime, Map.of());
  }

  /** root-owned, given mode, time 0: handy for generated content. */
  public static EntryMeta root(int mode) {
    return of(mode, 0, 0, Instant.EPOCH);
  }

  public EntryMeta withOwner(int u, int g) {
    return new EntryMeta(mode, u, g, mtime, xattrs);
  }

  public EntryMeta withMode(int m) {
    return new EntryMeta(m, uid, gid, mtime, xattrs);
  }

  public EntryMeta withMtime(Instant t) {
    return new EntryMeta(mode, uid, gid, t, xattrs);
  }

  public EntryMeta withXattrs(Map<String, String> x) {
    return new EntryMeta(mode, uid, gid, mtime, x);
  }
}
