package dev.jbuild.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks size and digest at EOF (throwing {@link DigestMismatchException}); {@link #close()} drains
 * what the consumer left unread so truncated or padded content is still caught.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final Digests.Hasher hasher = Digests.hasher();
  private boolean verified;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      hasher.update(b, off, n);
      if (expectedSize >= 0 && hasher.size() > expectedSize) {
        throw new DigestMismatchException(
            "content of " + expected + " is longer than its declared size " + expectedSize);
      }
    } else if (n < 0) {
      verify();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 8192)];
    int r = read(buf, 0, (int) Math.min(n, buf.length));
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // drain to verify
      }
    } finally {
      super.close();
    }
  }

  private void verify() throws DigestMismatchException {
    if (verified) {
      return;
    }
    verified = true;
    if (expectedSize >= 0 && hasher.size() != expectedSize) {
      throw new DigestMismatchException(
          "content of "
              + expected
              + " has "
              + hasher.size()
              + " bytes, expected "
              + expectedSize
              + ": the blob is truncated or corrupt; delete it and fetch it again");
    }
    Digest actual = hasher.digest();
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(
          "content digest mismatch: expected "
              + expected
              + ", got "
              + actual
              + ": the blob is corrupt; delete it and fetch it again");
    }
  }
}
