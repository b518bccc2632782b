package dev.jbuild.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Hashes and counts every byte read through it. Create with {@link Digests#digesting}. */
public final class DigestingInputStream extends FilterInputStream {
  private final Digests.Hasher hasher = Digests.hasher();

  DigestingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      hasher.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      hasher.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    int r = read(buf, 0, buf.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  public long size() {
    return hasher.size();
  }

  /** The digest of everything read; call once, after EOF. */
  public Digest digest() {
    return hasher.digest();
  }
}
