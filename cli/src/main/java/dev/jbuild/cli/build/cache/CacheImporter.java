package dev.jbuild.cli.build.cache;

import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Reads a shared cache ({@code --cache-from}): first the keys ({@link #load}, manifest and index
 * only), then, for the entries a build actually hits, their layers ({@link #fetch}). Thread-safe.
 */
public sealed interface CacheImporter permits CacheLocalImporter, CacheRegistryImporter {

  /**
   * Reads the cache's manifest and index; no layer is downloaded. A missing or unreadable cache is
   * not an error, as with buildx: the result is then empty and carries a warning.
   */
  CacheLoad load();

  /**
   * Makes every layer blob of {@code entry} (one {@link #load} returned) present in {@code store},
   * transferring only the missing ones. Every blob is checked against its digest and size before it
   * enters the store; a mismatch or a missing blob throws {@link CacheException} and stores nothing
   * of that blob.
   */
  void fetch(CacheEntry entry, LocalStore store) throws IOException;

  /**
   * The importer for {@code spec}. {@code client} is asked for only by a registry spec; the caller
   * owns (and closes) the client. Download events go to {@code progress}.
   */
  static CacheImporter of(
      CacheSpec spec, Supplier<RegistryClient> client, ProgressListener progress) {
    if (spec instanceof CacheSpec.Registry r) {
      return new CacheRegistryImporter(r, client.get(), progress);
    }
    return new CacheLocalImporter((CacheSpec.Local) spec);
  }
}
