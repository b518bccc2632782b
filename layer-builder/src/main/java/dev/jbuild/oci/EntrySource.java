package dev.jbuild.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.jspecify.annotations.Nullable;

/** Named files of a directory or of a tar archive (read by random access, never extracted). */
interface EntrySource extends Closeable {
  /** Opens entry {@code name} ({@code a/b}), or returns null if there is none. */
  @Nullable InputStream open(String name) throws IOException;

  String describe();

  static EntrySource directory(Path dir) {
    return new EntrySource() {
      @Override
      public @Nullable InputStream open(String name) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir.normalize())) {
          return null;
        }
        try {
          return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
          return null;
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }

      @Override
      public void close() {}
    };
  }

  static EntrySource tar(Path file) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(file);
    } catch (IOException e) {
      throw new dev.jbuild.image.ImageFormatException(
          file + " is not a readable tar archive: " + e.getMessage(), e);
    }
    Map<String, TarArchiveEntry> byName = new HashMap<>();
    for (TarArchiveEntry e : tar.getEntries()) {
      if (e.isFile()) {
        byName.put(normalize(e.getName()), e);
      }
    }
    return new EntrySource() {
      @Override
      public @Nullable InputStream open(String name) throws IOException {
        TarArchiveEntry e = byName.get(normalize(name));
        return e == null ? null : tar.getInputStream(e);
      }

      @Override
      public String describe() {
        return file.toString();
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }
    };
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }
}
