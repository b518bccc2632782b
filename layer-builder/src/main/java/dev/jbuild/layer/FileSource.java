package dev.jbuild.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Where a regular file's content comes from: a file on disk (read when written) or bytes. */
public sealed interface FileSource permits FileSource.OfPath, FileSource.OfBytes {
  long size() throws IOException;

  InputStream open() throws IOException;

  static FileSource of(Path path) {
    return new OfPath(path);
  }

  static FileSource of(byte[] bytes) {
    return new OfBytes(bytes.clone());
  }

  /** Content read from {@code path} (not following a final symlink) at write time. */
  record OfPath(Path path) implements FileSource {
    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** In-memory content. */
  record OfBytes(byte[] bytes) implements FileSource {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
