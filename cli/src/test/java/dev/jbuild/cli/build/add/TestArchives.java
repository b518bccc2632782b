package dev.jbuild.cli.build.add;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Builds tar archives for the ADD tests, entry by entry, with exact owners and modes. */
final class TestArchives {
  static final Instant MTIME = Instant.ofEpochSecond(1_600_000_000L);

  /**
   * {@code x.txt} ("from xz\n", uid 7, gid 8) as made by {@code tar | xz -9e}: the build has no xz
   * encoder, and the detector must not need the xz program.
   */
  static final byte[] XZ_TAR =
      Base64.getDecoder()
          .decode(
              "/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4Cf/AGhdADwLiofEDvKXpPh1PcWp7devUeDJ/NvYpN/lZBbu"
                  + "zsNqmVCiQv+6ZRwJ1Mk/FgPNWV5dH+kZN1jApNNpAzJJRJTUzYR1PKdmq+9oyHMruSvODwW+VYaG"
                  + "YfpPErzi17459uxSWu63BRwAAPsnCLSCDVHMAAGEAYBQAAAoM/H6scRn+wIAAAAABFla");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

  TestArchives() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  TestArchives dir(String name, int mode, int uid, int gid) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    return put(e, mode, uid, gid, null);
  }

  TestArchives file(String name, String content, int mode, int uid, int gid) throws IOException {
    return put(new TarArchiveEntry(name), mode, uid, gid, content.getBytes(StandardCharsets.UTF_8));
  }

  TestArchives symlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return put(e, 0777, 0, 0, null);
  }

  TestArchives hardlink(String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    return put(e, 0644, 0, 0, null);
  }

  private TestArchives put(TarArchiveEntry e, int mode, int uid, int gid, byte[] content)
      throws IOException {
    e.setMode(mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setModTime(MTIME.toEpochMilli());
    if (content != null) {
      e.setSize(content.length);
    }
    tar.putArchiveEntry(e);
    if (content != null) {
      tar.write(content);
    }
    tar.closeArchiveEntry();
    return this;
  }

  byte[] tar() throws IOException {
    tar.finish();
    return bytes.toByteArray();
  }

  /** The archive compressed as {@code c} (XZ is not available: use {@link #XZ_TAR}). */
  byte[] compressed(ArchiveCompression c) throws IOException {
    byte[] plain = tar();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = compressor(c, out)) {
      z.write(plain);
    }
    return out.toByteArray();
  }

  Path write(Path file, ArchiveCompression c) throws IOException {
    return Files.write(file, compressed(c));
  }

  private static OutputStream compressor(ArchiveCompression c, OutputStream out)
      throws IOException {
    switch (c) {
      case GZIP:
        return new GZIPOutputStream(out);
      case BZIP2:
        return new BZip2CompressorOutputStream(out);
      case ZSTD:
        return new ZstdOutputStream(out);
      case NONE:
        return out;
      default:
        throw new IllegalArgumentException("no encoder for " + c);
    }
  }
}
