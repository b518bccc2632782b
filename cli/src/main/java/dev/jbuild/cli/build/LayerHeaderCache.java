package dev.jbuild.cli.build;

import dev.jbuild.image.Digest;
import dev.jbuild.layer.LayerHeaders;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tar headers of each layer blob, kept beside the store ({@code layer-headers/<hex>.bin}) so a
 * COPY on a large base does not decompress the base's layers again on every build just to learn
 * which paths exist. A missing or damaged file is read from the blob again.
 */
final class LayerHeaderCache {
  private static final int MAGIC = 0x4a424c48; // "JBLH"
  private static final int VERSION = 1;
  private final Path dir;

  LayerHeaderCache(Path storeRoot) {
    this.dir = storeRoot.resolve("layer-headers");
  }

  Optional<List<LayerHeaders.Header>> read(Digest blob) {
    Path file = dir.resolve(blob.hex() + ".bin");
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return Optional.empty();
      }
      int n = in.readInt();
      if (n < 0) {
        return Optional.empty();
      }
      // n comes from the file: not trusted to size the list (a damaged count must not OOM)
      List<LayerHeaders.Header> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(readOne(in));
      }
      return Optional.of(out);
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      // missing (NoSuchFileException), truncated (EOFException) or damaged: read the blob again
      return Optional.empty();
    }
  }

  /** Saves the headers (temp file + rename; a failure only costs the next build a re-read). */
  void write(Digest blob, List<LayerHeaders.Header> headers) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tmp-", ".bin");
      try {
        try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
          out.writeInt(MAGIC);
          out.writeInt(VERSION);
          out.writeInt(headers.size());
          for (LayerHeaders.Header h : headers) {
            writeOne(out, h);
          }
        }
        Files.move(tmp, dir.resolve(blob.hex() + ".bin"), StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // A cache only: the headers are read from the blob next time.
    }
  }

  private static void writeOne(DataOutputStream out, LayerHeaders.Header h) throws IOException {
    out.writeUTF(h.path());
    out.writeByte(h.kind().ordinal());
    out.writeInt(h.mode());
    out.writeInt(h.uid());
    out.writeInt(h.gid());
    out.writeLong(h.mtime().getEpochSecond());
    out.writeInt(h.mtime().getNano());
    out.writeUTF(h.linkName());
  }

  private static LayerHeaders.Header readOne(DataInputStream in) throws IOException {
    String path = in.readUTF();
    int kind = in.readByte();
    LayerHeaders.Kind[] kinds = LayerHeaders.Kind.values();
    if (kind < 0 || kind >= kinds.length) {
      throw new EOFException("bad kind");
    }
    int mode = in.readInt();
    int uid = in.readInt();
    int gid = in.readInt();
    Instant mtime = Instant.ofEpochSecond(in.readLong(), in.readInt());
    String link = in.readUTF();
    return new LayerHeaders.Header(path, kinds[kind], mode, uid, gid, mtime, link);
  }
}
