package dev.jbuild.cli.build.cache;

import dev.jbuild.store.AtomicFiles;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The stat cache's on-disk form: a header (magic, version, count), one record per file (path, size,
 * mtime, ctime, inode, raw sha256) and a CRC32C of everything before it, so a truncated or damaged
 * file is recognised and ignored instead of trusted.
 */
final class StatCacheFile {
  private static final int MAGIC = 0x4A425343; // "JBSC"
  private static final int VERSION = 1;
  private static final int DIGEST_BYTES = 32;
  private static final int MAX_PATH_BYTES = 1 << 16;
  private static final HexFormat HEX = HexFormat.of();

  private StatCacheFile() {}

  /** The entries in {@code file}; empty when it is missing, unreadable, damaged or outdated. */
  static Map<String, StatEntry> load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) { // missing or unreadable: start empty
      return Map.of();
    }
    try {
      return parse(bytes);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return Map.of();
    }
  }

  private static Map<String, StatEntry> parse(byte[] bytes) {
    if (bytes.length < 16 || !checksumMatches(bytes)) {
      return Map.of();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
    if (in.getInt() != MAGIC || in.getInt() != VERSION) {
      return Map.of();
    }
    int count = in.getInt();
    if (count < 0) {
      return Map.of();
    }
    Map<String, StatEntry> entries = new HashMap<>(Math.min(count, 1 << 20) * 4 / 3 + 1);
    byte[] digest = new byte[DIGEST_BYTES];
    for (int i = 0; i < count; i++) {
      int len = in.getInt();
      if (len < 0 || len > MAX_PATH_BYTES || len > in.remaining()) {
        return Map.of();
      }
      String path = new String(bytes, in.position(), len, StandardCharsets.UTF_8);
      in.position(in.position() + len);
      long size = in.getLong();
      long mtime = in.getLong();
      long ctime = in.getLong();
      long inode = in.getLong();
      in.get(digest);
      entries.put(path, new StatEntry(size, mtime, ctime, inode, HEX.formatHex(digest), false));
    }
    return in.hasRemaining() ? Map.of() : entries;
  }

  private static boolean checksumMatches(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    return (int) crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
  }

  /** Writes {@code entries} to a temp file next to {@code file}, then renames it over it. */
  static void save(Path file, Map<String, StatEntry> entries) throws IOException {
    AtomicFiles.replace(file, encode(entries)); // no fsync: a torn file fails its checksum
  }

  private static byte[] encode(Map<String, StatEntry> entries) {
    List<byte[]> paths = new ArrayList<>(entries.size());
    List<StatEntry> values = new ArrayList<>(entries.size());
    int size = 12 + 4;
    for (Map.Entry<String, StatEntry> e : entries.entrySet()) {
      byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (b.length > MAX_PATH_BYTES) {
        continue; // cannot happen on Linux (PATH_MAX); such a file is just not cached
      }
      paths.add(b);
      values.add(e.getValue());
      size += 4 + b.length + 4 * Long.BYTES + DIGEST_BYTES;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).putInt(VERSION).putInt(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      byte[] path = paths.get(i);
      StatEntry s = values.get(i);
      out.putInt(path.length).put(path);
      out.putLong(s.size()).putLong(s.mtimeNanos()).putLong(s.ctimeNanos()).putLong(s.inode());
      out.put(HEX.parseHex(s.digest()));
    }
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }
}
