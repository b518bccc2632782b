package dev.jbuild.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one place this module hashes content. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[internal error] JVM without SHA-256", e);
    }
  }

  static String digest(byte[] bytes) {
    return format(newDigest().digest(bytes));
  }

  static String format(byte[] hash) {
    return "sha256:" + HexFormat.of().formatHex(hash);
  }

  static String shortForm(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
