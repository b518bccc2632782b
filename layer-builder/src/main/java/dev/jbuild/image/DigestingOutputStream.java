package dev.jbuild.image;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Hashes and counts every byte written through it. Create with {@link Digests#digesting}. */
public final class DigestingOutputStream extends FilterOutputStream {
  private final Digests.Hasher hasher = Digests.hasher();

  DigestingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    hasher.update((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    hasher.update(b, off, len);
  }

  public long size() {
    return hasher.size();
  }

  /** The digest of everything written; call once, after the last write. */
  public Digest digest() {
    return hasher.digest();
  }
}
