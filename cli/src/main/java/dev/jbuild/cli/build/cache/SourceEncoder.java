package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Digests;
import java.nio.charset.StandardCharsets;

/**
 * Feeds length-prefixed fields into a hasher, so that no two different field sequences produce the
 * same bytes ("ab","c" vs "a","bc"). Buffered: per-field hasher calls would dominate a warm walk.
 */
final class SourceEncoder {
  private final Digests.Hasher hasher;
  private final byte[] buf = new byte[16 * 1024];
  private int used;

  SourceEncoder(Digests.Hasher hasher) {
    this.hasher = hasher;
  }

  void integer(int v) {
    if (used + 4 > buf.length) {
      flush();
    }
    buf[used++] = (byte) (v >>> 24);
    buf[used++] = (byte) (v >>> 16);
    buf[used++] = (byte) (v >>> 8);
    buf[used++] = (byte) v;
  }

  void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    integer(b.length);
    if (used + b.length > buf.length) {
      flush();
    }
    if (b.length > buf.length) {
      hasher.update(b, 0, b.length);
      return;
    }
    System.arraycopy(b, 0, buf, used, b.length);
    used += b.length;
  }

  /** The sha256 hex digest of everything written; the encoder must not be used afterwards. */
  String finish() {
    flush();
    return hasher.digest().hex();
  }

  private void flush() {
    hasher.update(buf, 0, used);
    used = 0;
  }
}
