package dev.jbuild.cli.build.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds one cache key: SHA-256 over length-prefixed fields, so that ("ab", "c") and ("a", "bc")
 * give different keys. The first field names the kind of key.
 */
public final class CacheKeyBuilder {
  private final MessageDigest sha;

  public CacheKeyBuilder(String kind) {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    add(kind);
  }

  public CacheKeyBuilder add(String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
    return this;
  }

  public CacheKeyBuilder add(byte[] bytes) {
    return add(HexFormat.of().formatHex(sha256(bytes)));
  }

  /** A list as one field: its size, then each element. */
  public CacheKeyBuilder addAll(List<String> fields) {
    add("list" + fields.size());
    fields.forEach(this::add);
    return this;
  }

  /** The key: 64 lower-case hex digits. */
  public String build() {
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
