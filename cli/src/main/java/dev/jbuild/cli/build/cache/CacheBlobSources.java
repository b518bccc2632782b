package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.registry.BlobSource;
import dev.jbuild.store.LocalStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Push sources for a cache export: in-memory JSON and verified local-store blobs. */
final class CacheBlobSources {
  private CacheBlobSources() {}

  /** A small blob held in memory (the cache index). */
  static BlobSource bytes(Descriptor d, byte[] content) {
    return new Bytes(d.digest().toString(), content.clone());
  }

  /** A store blob; each open re-reads and re-verifies it, so a retried upload stays correct. */
  static BlobSource store(LocalStore store, Descriptor d) {
    return new Stored(store, d);
  }

  private record Bytes(String digest, byte[] content) implements BlobSource {
    @Override
    public long size() {
      return content.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(content);
    }
  }

  private record Stored(LocalStore store, Descriptor d) implements BlobSource {
    @Override
    public String digest() {
      return d.digest().toString();
    }

    @Override
    public long size() {
      return d.size();
    }

    @Override
    public InputStream open() throws IOException {
      return store.openBlob(d.digest());
    }
  }
}
