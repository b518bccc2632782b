package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Digest;
import dev.jbuild.registry.BlobSink;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Sinks for a pull of the cache manifest that take only some of its blobs: the registry client's
 * pull skips every blob a sink reports as present, so "present" here means "not wanted". The client
 * hands over only content it has verified against its digest and size.
 */
final class CacheBlobSink {
  private CacheBlobSink() {}

  /** Keeps one small blob (the cache index) in memory. */
  static final class Memory implements BlobSink {
    private final String digest;
    private final Path tmp;
    private byte[] content = new byte[0];
    private boolean received;

    Memory(String digest, Path tmp) {
      this.digest = digest;
      this.tmp = tmp;
    }

    @Override
    public boolean has(String d) {
      return !d.equals(digest) || received;
    }

    @Override
    public Path tempDirectory() {
      return tmp;
    }

    @Override
    public synchronized void accept(String d, Path verifiedFile) throws IOException {
      content = Files.readAllBytes(verifiedFile);
      received = true;
    }

    synchronized byte[] content() throws IOException {
      if (!received) {
        throw new IOException("the cache index blob " + digest + " was not received");
      }
      return content.clone();
    }
  }

  /** Moves the wanted layers into the local store (which checks the digest once more). */
  static final class Store implements BlobSink {
    private final LocalStore store;
    private final Set<String> wanted;
    private final Path tmp;

    Store(LocalStore store, Set<String> wanted, Path tmp) {
      this.store = store;
      this.wanted = Set.copyOf(wanted);
      this.tmp = tmp;
    }

    @Override
    public boolean has(String d) {
      return !wanted.contains(d) || store.hasBlob(Digest.parse(d));
    }

    @Override
    public Path tempDirectory() {
      return tmp;
    }

    @Override
    public void accept(String d, Path verifiedFile) throws IOException {
      try (InputStream in = Files.newInputStream(verifiedFile)) {
        store.putBlob(in, Digest.parse(d));
      }
    }
  }
}
