package dev.jbuild.cli.uptodate;

import dev.jbuild.store.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A build record's on-disk form: magic, version, the fields in order, and a CRC32C of everything
 * before it, so a torn or damaged file reads as no record instead of a wrong one.
 */
final class BuildRecordFile {
  private static final int MAGIC = 0x4A425552; // "JBUR"
  private static final int VERSION = 1;
  private static final ReplayLine.Kind[] KINDS = ReplayLine.Kind.values();

  private BuildRecordFile() {}

  /** The record in {@code file}; empty when it is missing, damaged or of another version. */
  static Optional<BuildRecord> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length < 12 || !checksumMatches(bytes)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(decode(ByteBuffer.wrap(bytes, 0, bytes.length - 4)));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code record} to a temp file beside {@code file} and renames it over it. */
  static void write(Path file, BuildRecord record) throws IOException {
    AtomicFiles.replace(file, encode(record)); // no fsync: a torn record fails its checksum
  }

  /** Deletes all but the {@code keep} most recently written records in {@code dir}. */
  static void keepNewest(Path dir, int keep) throws IOException {
    List<Path> records = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.bin")) {
      s.forEach(records::add);
    }
    if (records.size() <= keep) {
      return;
    }
    Map<Path, FileTime> times = new HashMap<>();
    for (Path r : records) {
      try {
        times.put(r, Files.getLastModifiedTime(r));
      } catch (NoSuchFileException e) {
        times.put(r, FileTime.fromMillis(0)); // another build trimmed it already
      }
    }
    records.sort(Comparator.comparing(times::get));
    for (Path old : records.subList(0, records.size() - keep)) {
      Files.deleteIfExists(old);
    }
  }

  private static @Nullable BuildRecord decode(ByteBuffer in) {
    if (in.getInt() != MAGIC || in.getInt() != VERSION) {
      return null;
    }
    String key = string(in);
    BuildResult result = result(in);
    int lines = count(in);
    List<ReplayLine> replay = new ArrayList<>(Math.min(lines, 1 << 12));
    for (int i = 0; i < lines; i++) {
      int kind = in.get();
      if (kind < 0 || kind >= KINDS.length) {
        return null;
      }
      replay.add(new ReplayLine(KINDS[kind], string(in)));
    }
    List<WatchedPath> watched = watched(in);
    return in.hasRemaining() ? null : new BuildRecord(key, result, replay, watched);
  }

  private static BuildResult result(ByteBuffer in) {
    String context = string(in);
    String file = nullable(in);
    String dockerfile = string(in);
    String ignore = nullable(in);
    String imageId = string(in);
    String manifest = string(in);
    int names = count(in);
    Map<String, String> nameMap = new LinkedHashMap<>();
    for (int i = 0; i < names; i++) {
      nameMap.put(string(in), string(in));
    }
    String iid = nullable(in);
    boolean quiet = in.get() != 0;
    String progress = nullable(in);
    return new BuildResult(
        context, file, dockerfile, ignore, imageId, manifest, nameMap, iid, quiet, progress);
  }

  private static List<WatchedPath> watched(ByteBuffer in) {
    int n = count(in);
    List<WatchedPath> out = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      String path = string(in);
      out.add(
          new WatchedPath(
              path, in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong()));
    }
    return out;
  }

  private static byte[] encode(BuildRecord r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024 + r.watched().size() * 96);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    string(out, r.key());
    result(out, r.result());
    out.writeInt(r.replay().size());
    for (ReplayLine l : r.replay()) {
      out.writeByte(l.kind().ordinal());
      string(out, l.text());
    }
    out.writeInt(r.watched().size());
    for (WatchedPath w : r.watched()) {
      string(out, w.path());
      out.writeInt(w.type());
      out.writeLong(w.size());
      out.writeLong(w.mtimeNanos());
      out.writeLong(w.ctimeNanos());
      out.writeLong(w.inode());
    }
    CRC32C crc = new CRC32C();
    byte[] body = bytes.toByteArray();
    crc.update(body, 0, body.length);
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  private static void result(DataOutputStream out, BuildResult r) throws IOException {
    string(out, r.context());
    nullable(out, r.file());
    string(out, r.dockerfileText());
    nullable(out, r.ignoreText());
    string(out, r.imageId());
    string(out, r.manifestDigest());
    out.writeInt(r.names().size());
    for (Map.Entry<String, String> e : r.names().entrySet()) {
      string(out, e.getKey());
      string(out, e.getValue());
    }
    nullable(out, r.iidFile());
    out.writeByte(r.quiet() ? 1 : 0);
    nullable(out, r.progress());
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void nullable(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeByte(s == null ? 0 : 1);
    if (s != null) {
      string(out, s);
    }
  }

  private static String string(ByteBuffer in) {
    int len = count(in);
    if (len > in.remaining()) {
      throw new IllegalArgumentException("string past the end");
    }
    String s =
        new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
    in.position(in.position() + len);
    return s;
  }

  private static @Nullable String nullable(ByteBuffer in) {
    return in.get() == 0 ? null : string(in);
  }

  private static int count(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      throw new IllegalArgumentException("negative count");
    }
    return n;
  }

  private static boolean checksumMatches(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    return (int) crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
  }
}
