package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.Platform;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ManifestBlob;
import dev.jbuild.registry.ManifestUnknownException;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.AtomicFiles;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code --cache-from type=registry,ref=REF}: reads the cache manifest and its index blob, then
 * downloads an entry's missing layers on demand. Everything is read from the manifest digest found
 * by {@link #load}, so a concurrent re-export of REF does not mix two caches.
 */
final class CacheRegistryImporter implements CacheImporter {
  // The cache manifest is not an index, so no platform is chosen; the pull API needs one.
  private static final Platform ANY = Platform.parse("linux/amd64");

  private final ImageReference ref;
  private final RegistryClient client;
  private final ProgressListener progress;
  private final String where;
  private volatile @Nullable CacheLoaded loaded;

  CacheRegistryImporter(CacheSpec.Registry spec, RegistryClient client, ProgressListener progress) {
    this.ref = ImageReference.parse(spec.ref());
    this.client = client;
    this.progress = progress;
    this.where = "cache " + ref;
  }

  private @Nullable CacheLoaded loadAgain() {
    load();
    return loaded;
  }

  @Override
  public CacheLoad load() {
    try {
      ManifestBlob mb = client.fetchManifest(ref);
      ImageManifest m = CacheFormat.manifest(mb.bytes(), where);
      byte[] config = readConfig(ref.withDigest(mb.digest()), m.config());
      Map<String, CacheEntry> entries = CacheFormat.entries(m, config, where);
      loaded = CacheLoaded.of(mb.digest(), m);
      return CacheLoad.found(entries);
    } catch (ManifestUnknownException e) {
      return CacheLoad.missing(where + " not found (first build?); building without it");
    } catch (RegistryException | ImageFormatException e) {
      return CacheLoad.unreadable(where, e.getMessage());
    } catch (IOException e) {
      return CacheLoad.unreadable(where, CacheIoErrors.describe(e));
    }
  }

  private byte[] readConfig(ImageReference pinned, Descriptor config) throws IOException {
    Path tmp = Files.createTempDirectory("jbuild-cache-");
    try {
      CacheBlobSink.Memory sink = new CacheBlobSink.Memory(config.digest().toString(), tmp);
      client.pull(pinned, ANY, sink, ProgressListener.NONE);
      return sink.content();
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  @Override
  public void fetch(CacheEntry entry, LocalStore store) throws IOException {
    CacheLoaded l = CacheLoaded.forFetch(loaded, this::loadAgain, entry, where);
    Set<String> wanted = new HashSet<>();
    for (Descriptor layer : entry.layers()) {
      if (!store.hasBlob(layer.digest())) {
        wanted.add(layer.digest().toString());
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    String step = "fetch layers of cache entry " + entry.key() + " from " + ref;
    Path tmp = store.newTempDir();
    try {
      client.pull(
          ref.withDigest(l.manifestDigest()),
          ANY,
          new CacheBlobSink.Store(store, wanted, tmp),
          new Only(wanted, progress));
    } catch (RegistryException | StoreException e) {
      throw new CacheException(step + ": " + e.getMessage(), e);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
    for (String d : wanted) {
      if (!store.hasBlob(Digest.parse(d))) {
        throw new CacheException(step + ": layer " + d + " did not arrive");
      }
    }
  }

  /** Reports only the blobs this fetch wants; the pull also "skips" every other cache blob. */
  private record Only(Set<String> wanted, ProgressListener next) implements ProgressListener {
    @Override
    public void started(String digest, long size) {
      if (wanted.contains(digest)) {
        next.started(digest, size);
      }
    }

    @Override
    public void transferred(String digest, long bytesSoFar, long size) {
      if (wanted.contains(digest)) {
        next.transferred(digest, bytesSoFar, size);
      }
    }

    @Override
    public void finished(String digest, Outcome outcome) {
      if (wanted.contains(digest)) {
        next.finished(digest, outcome);
      }
    }
  }
}
