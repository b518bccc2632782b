package dev.jbuild.cli.build.cache;

import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A cache loaded with {@code --cache-from}: its entries are known up front, and a hit brings the
 * entry's layer blobs into the local store before the build uses them.
 */
public final class ImportedCache implements BuildCache {
  private final CacheImporter importer;
  private final Map<String, CacheEntry> entries;
  private final LocalStore store;

  public ImportedCache(CacheImporter importer, Map<String, CacheEntry> entries, LocalStore store) {
    this.importer = importer;
    this.entries = Map.copyOf(entries);
    this.store = store;
  }

  @Override
  public Optional<CacheEntry> find(String key) throws IOException {
    CacheEntry e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    importer.fetch(e, store);
    return Optional.of(e);
  }

  /** Imported caches are read-only; {@code --cache-to} writes them. */
  @Override
  public void record(CacheEntry entry) {}
}
