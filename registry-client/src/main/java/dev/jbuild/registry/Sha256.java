package dev.jbuild.registry;

import dev.jbuild.image.Digests;

/** Digest text helpers; all hashing goes through layer-builder's {@link Digests}. */
final class Sha256 {
  private Sha256() {}

  static String digest(byte[] bytes) {
    return Digests.sha256(bytes).toString();
  }

  /** {@code sha256:} and 12 hex digits, for messages; other identifiers unchanged. */
  static String shortForm(String digest) {
    int colon = digest.indexOf(':');
    return colon > 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
