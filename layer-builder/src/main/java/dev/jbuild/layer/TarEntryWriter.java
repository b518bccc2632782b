package dev.jbuild.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Writes layer entries as tar headers: PAX for long names, big numbers, non-ASCII names and xattrs;
 * whole-second times; permission bits only; no user/group names; overlay xattrs dropped.
 */
final class TarEntryWriter {
  private final TarArchiveOutputStream tar;
  private final @Nullable Instant clamp;
  private final Instant markerTime;

  TarEntryWriter(OutputStream out, @Nullable Instant clamp) {
    this.tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    this.clamp = clamp;
    this.markerTime = clamp != null ? clamp : Instant.EPOCH;
  }

  void directory(String path, EntryMeta meta) throws IOException {
    TarArchiveEntry e = entry(path + "/", TarConstants.LF_DIR, meta);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void file(String path, EntryMeta meta, FileSource source) throws IOException {
    long size = source.size();
    TarArchiveEntry e = entry(path, TarConstants.LF_NORMAL, meta);
    e.setSize(size);
    tar.putArchiveEntry(e);
    try (InputStream in = source.open()) {
      copyExactly(in, size, path);
    }
    tar.closeArchiveEntry();
  }

  void symlink(String path, EntryMeta meta, String target) throws IOException {
    TarArchiveEntry e = entry(path, TarConstants.LF_SYMLINK, meta);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void hardlink(String path, EntryMeta meta, String target) throws IOException {
    TarArchiveEntry e = entry(path, TarConstants.LF_LINK, meta);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void device(String path, EntryMeta meta, boolean block, int major, int minor) throws IOException {
    TarArchiveEntry e = entry(path, block ? TarConstants.LF_BLK : TarConstants.LF_CHR, meta);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void fifo(String path, EntryMeta meta) throws IOException {
    tar.putArchiveEntry(entry(path, TarConstants.LF_FIFO, meta));
    tar.closeArchiveEntry();
  }

  /** An empty marker file (whiteout or opaque), mode 0, root-owned, fixed time. */
  void marker(String path) throws IOException {
    TarArchiveEntry e = entry(path, TarConstants.LF_NORMAL, EntryMeta.of(0, 0, 0, markerTime));
    e.setSize(0);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  /** Writes the end-of-archive blocks; does not close the underlying stream. */
  void finish() throws IOException {
    tar.finish();
    tar.flush();
  }

  private TarArchiveEntry entry(String name, byte type, EntryMeta meta) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, false);
    e.setMode(meta.mode());
    e.setUserId((long) meta.uid());
    e.setGroupId((long) meta.gid());
    e.setUserName("");
    e.setGroupName("");
    Instant t = meta.mtime();
    if (clamp != null && t.isAfter(clamp)) {
      t = clamp;
    }
    e.setLastModifiedTime(FileTime.from(t.getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS));
    for (Map.Entry<String, String> x : meta.xattrs().entrySet()) {
      if (!isOverlayXattr(x.getKey())) {
        e.addPaxHeader("SCHILY.xattr." + x.getKey(), x.getValue());
      }
    }
    return e;
  }

  /** {@code trusted.overlay.*}, {@code user.overlay.*}: overlayfs bookkeeping, never content. */
  static boolean isOverlayXattr(String key) {
    int dot = key.indexOf('.');
    return dot >= 0 && key.startsWith("overlay.", dot + 1);
  }

  private void copyExactly(InputStream in, long size, String path) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new LayerException(
            "file " + LayerPaths.printable(path) + " shrank while being added to the layer");
      }
      tar.write(buf, 0, n);
      left -= n;
    }
    if (in.read() >= 0) {
      throw new LayerException(
          "file " + LayerPaths.printable(path) + " grew while being added to the layer");
    }
  }
}
