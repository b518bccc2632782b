package dev.jbuild.layer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the entry headers of an uncompressed layer tar without extracting anything: enough to know
 * which files an image has and who owns them. Whiteouts and opaque markers are reported as such,
 * with their target path.
 */
public final class LayerHeaders {
  private LayerHeaders() {}

  /** What a header says. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK,
    HARDLINK,
    DEVICE,
    FIFO,
    /** {@code .wh.name}: {@code path} (the name without prefix) is deleted. */
    WHITEOUT,
    /** {@code .wh..wh..opq}: the lower contents of directory {@code path} are hidden. */
    OPAQUE
  }

  /** One entry; {@code path} is normalised, relative to "/" ("" for the root itself). */
  public record Header(
      String path, Kind kind, int mode, int uid, int gid, Instant mtime, String linkName) {}

  /** Receives headers in tar order. */
  @FunctionalInterface
  public interface Visitor {
    void visit(Header header) throws IOException;
  }

  /** Reads every header of a layer blob, decompressing as its media type says. */
  public static void readBlob(InputStream blob, String mediaType, Visitor visitor)
      throws IOException {
    InputStream buffered = new java.io.BufferedInputStream(blob, 64 * 1024);
    switch (Compression.ofMediaType(mediaType)) {
      case GZIP -> read(new java.util.zip.GZIPInputStream(buffered, 64 * 1024), visitor);
      case ZSTD -> read(new com.github.luben.zstd.ZstdInputStream(buffered), visitor);
      case NONE -> read(buffered, visitor);
    }
  }

  /** Reads every header of {@code tar} (an uncompressed layer stream; not closed). */
  public static void read(InputStream tar, Visitor visitor) throws IOException {
    TarArchiveInputStream in = new TarArchiveInputStream(tar);
    TarArchiveEntry e;
    while ((e = in.getNextEntry()) != null) {
      visitor.visit(header(e));
    }
    // Drain the end-of-archive blocks so a verifying stream underneath sees every byte.
    in.transferTo(java.io.OutputStream.nullOutputStream());
    tar.transferTo(java.io.OutputStream.nullOutputStream());
  }

  static Header header(TarArchiveEntry e) {
    String path = clean(e.getName());
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    String base = slash < 0 ? path : path.substring(slash + 1);
    Instant mtime = e.getModTime().toInstant();
    if (base.equals(LayerPaths.OPAQUE)) {
      return new Header(dir, Kind.OPAQUE, 0, 0, 0, mtime, "");
    }
    if (base.startsWith(LayerPaths.WHITEOUT_PREFIX)) {
      String target = base.substring(LayerPaths.WHITEOUT_PREFIX.length());
      return new Header(
          dir.isEmpty() ? target : dir + "/" + target, Kind.WHITEOUT, 0, 0, 0, mtime, "");
    }
    return new Header(
        path,
        kind(e),
        e.getMode() & 07777,
        (int) e.getLongUserId(),
        (int) e.getLongGroupId(),
        mtime,
        e.getLinkName() == null ? "" : e.getLinkName());
  }

  private static Kind kind(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return Kind.DIRECTORY;
    }
    if (e.isSymbolicLink()) {
      return Kind.SYMLINK;
    }
    if (e.isLink()) {
      return Kind.HARDLINK;
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      return Kind.DEVICE;
    }
    if (e.isFIFO()) {
      return Kind.FIFO;
    }
    return Kind.FILE;
  }

  /** "./a/b/" and "/a/b" → "a/b"; ".." segments are dropped rather than followed. */
  static String clean(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
