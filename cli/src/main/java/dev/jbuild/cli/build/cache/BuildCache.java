package dev.jbuild.cli.build.cache;

import java.io.IOException;
import java.util.Optional;

/** Where cache entries are looked up and recorded. */
public interface BuildCache {
  /** The entry recorded under {@code key}, with every layer blob it names in the local store. */
  Optional<CacheEntry> find(String key) throws IOException;

  void record(CacheEntry entry) throws IOException;
}
