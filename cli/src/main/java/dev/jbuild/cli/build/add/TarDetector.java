package dev.jbuild.cli.build.add;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides, by content and never by name, whether a file is a tar archive (plain or compressed) that
 * ADD unpacks: like BuildKit, a file whose decompressed start is a valid tar header is an archive;
 * anything else (text named {@code .tar.gz}, a corrupt stream, an empty tar) is copied as a file.
 */
final class TarDetector {
  private static final int BLOCK = 512;
  private static final int CHECKSUM_AT = 148;
  private static final int CHECKSUM_LEN = 8;

  private TarDetector() {}

  /** The compression of {@code file} when it is a tar archive; empty when it is not one. */
  static Optional<ArchiveCompression> detect(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    byte[] head = new byte[8];
    int len;
    try (InputStream in = Files.newInputStream(file)) {
      len = in.readNBytes(head, 0, head.length);
    }
    ArchiveCompression c = ArchiveCompression.sniff(head, len);
    byte[] block;
    try (InputStream in = c.open(file)) {
      block = in.readNBytes(BLOCK);
    } catch (IOException e) {
      return Optional.empty(); // a broken stream is not an archive: copy the bytes as they are
    }
    return isTarHeader(block) ? Optional.of(c) : Optional.empty();
  }

  /** A full 512-byte block, not all zeros, whose checksum field matches its bytes. */
  static boolean isTarHeader(byte[] block) {
    if (block.length < BLOCK || block[0] == 0) {
      return false;
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      boolean inField = i >= CHECKSUM_AT && i < CHECKSUM_AT + CHECKSUM_LEN;
      unsigned += inField ? ' ' : block[i] & 0xff;
      signed += inField ? ' ' : block[i];
    }
    long stored = octal(block, CHECKSUM_AT, CHECKSUM_LEN);
    return stored >= 0 && (stored == unsigned || stored == signed);
  }

  /** The octal number in a header field (NUL/space padded), or -1 when it is not one. */
  private static long octal(byte[] b, int off, int len) {
    long v = 0;
    boolean digits = false;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
        digits = true;
      } else if (c == ' ' || c == 0) {
        if (digits) {
          break;
        }
      } else {
        return -1;
      }
    }
    return digits ? v : -1;
  }
}
