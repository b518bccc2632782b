package dev.jbuild.cli.build.add;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** The compressions ADD recognises on a tar archive, told apart by their magic bytes. */
enum ArchiveCompression {
  NONE,
  GZIP,
  BZIP2,
  XZ,
  ZSTD;

  private static final int BUFFER = 64 * 1024;

  /** The compression whose magic number starts {@code head} (NONE when there is none). */
  static ArchiveCompression sniff(byte[] head, int len) {
    if (starts(head, len, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (starts(head, len, 'B', 'Z', 'h')) {
      return BZIP2;
    }
    if (starts(head, len, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZ;
    }
    if (starts(head, len, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ZSTD;
    }
    return NONE;
  }

  /** The decompressed content of {@code file}. */
  InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      switch (this) {
        case GZIP:
          return new GZIPInputStream(raw, BUFFER);
        case BZIP2:
          return new BZip2CompressorInputStream(raw, true);
        case XZ:
          raw.close();
          return XzProcess.decompress(file);
        case ZSTD:
          return new ZstdInputStream(raw);
        default:
          return raw;
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static boolean starts(byte[] head, int len, int... magic) {
    if (len < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
