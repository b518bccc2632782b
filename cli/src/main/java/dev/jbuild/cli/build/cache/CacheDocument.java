package dev.jbuild.cli.build.cache;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The config blob of a cache manifest: a version and the entries, sorted by key. */
record CacheDocument(int schemaVersion, List<CacheEntry> entries) {
  CacheDocument(int schemaVersion, @Nullable List<CacheEntry> entries) {
    this.schemaVersion = schemaVersion;
    this.entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
