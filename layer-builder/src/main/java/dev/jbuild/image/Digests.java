package dev.jbuild.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one place that hashes bytes. Everything else goes through these methods and streams. */
public final class Digests {
  private static final int BUFFER = 64 * 1024;

  private Digests() {}

  /** An incremental SHA-256. Not thread-safe. */
  public static final class Hasher {
    private final MessageDigest md = newSha256();
    private long size;

    public void update(byte[] b, int off, int len) {
      md.update(b, off, len);
      size += len;
    }

    public void update(byte b) {
      md.update(b);
      size++;
    }

    public long size() {
      return size;
    }

    /** Finishes the hash; the hasher must not be used afterwards. */
    public Digest digest() {
      return Digest.sha256(HexFormat.of().formatHex(md.digest()));
    }
  }

  public static Hasher hasher() {
    return new Hasher();
  }

  public static Digest sha256(byte[] bytes) {
    Hasher h = new Hasher();
    h.update(bytes, 0, bytes.length);
    return h.digest();
  }

  /** Reads {@code in} to its end (does not close it). */
  public static Digest sha256(InputStream in) throws IOException {
    Hasher h = new Hasher();
    byte[] buf = new byte[BUFFER];
    for (int n; (n = in.read(buf)) >= 0; ) {
      h.update(buf, 0, n);
    }
    return h.digest();
  }

  public static Digest sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** An output stream that hashes and counts what passes through to {@code out}. */
  public static DigestingOutputStream digesting(OutputStream out) {
    return new DigestingOutputStream(out);
  }

  /** An input stream that hashes and counts what is read from {@code in}. */
  public static DigestingInputStream digesting(InputStream in) {
    return new DigestingInputStream(in);
  }

  /**
   * Wraps {@code in} so that reaching EOF checks size and digest, and close drains unread bytes
   * first so a short read by a consumer (a tar reader) is still verified.
   */
  public static VerifyingInputStream verifying(InputStream in, Digest expected, long size) {
    return new VerifyingInputStream(in, expected, size);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[internal error] JDK without SHA-256", e);
    }
  }
}
