package dev.jbuild.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a tar back into headers + content for assertions. */
final class TarRead {
  record Item(TarArchiveEntry entry, byte[] content) {
    String name() {
      return entry.getName();
    }
  }

  static List<Item> read(byte[] tar) throws IOException {
    List<Item> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        out.add(new Item(e, in.readAllBytes()));
      }
    }
    return out;
  }

  static List<String> names(byte[] tar) throws IOException {
    return read(tar).stream().map(Item::name).toList();
  }
}
