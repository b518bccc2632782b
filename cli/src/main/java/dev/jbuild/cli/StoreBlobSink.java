package dev.jbuild.cli;

import dev.jbuild.image.Digest;
import dev.jbuild.registry.BlobSink;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pulled blobs go into the local store; the store checks each digest again as it copies. */
final class StoreBlobSink implements BlobSink {
  private final LocalStore store;
  private final Path temp;

  StoreBlobSink(LocalStore store) throws IOException {
    this.store = store;
    this.temp = store.newTempDir();
  }

  @Override
  public boolean has(String digest) {
    return store.hasBlob(Digest.parse(digest));
  }

  @Override
  public Path tempDirectory() {
    return temp;
  }

  @Override
  public void accept(String digest, Path verifiedFile) throws IOException {
    try (InputStream in = Files.newInputStream(verifiedFile)) {
      store.putBlob(in, Digest.parse(digest));
    }
  }
}
