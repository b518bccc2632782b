package dev.jbuild.registry;

import java.util.Arrays;

/** A manifest or index exactly as sent over the wire: its media type, digest and bytes. */
public record ManifestBlob(String mediaType, String digest, byte[] bytes) {

  /** Wraps {@code bytes}, computing their digest. */
  public static ManifestBlob of(String mediaType, byte[] bytes) {
    return new ManifestBlob(mediaType, Sha256.digest(bytes), bytes.clone());
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestBlob m
        && m.mediaType.equals(mediaType)
        && m.digest.equals(digest)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "ManifestBlob[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
