package dev.jbuild.cli.build.cache;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CacheImporter#load} found: the entries by key (empty when the cache is missing or
 * unreadable) and, in that case, a one-line warning to print before building without it.
 */
public record CacheLoad(Map<String, CacheEntry> entries, @Nullable String warning) {
  public CacheLoad {
    entries = Map.copyOf(entries);
  }

  static CacheLoad found(Map<String, CacheEntry> entries) {
    return new CacheLoad(entries, null);
  }

  static CacheLoad missing(String warning) {
    return new CacheLoad(Map.of(), warning);
  }

  /** An unreadable cache: {@code problem}, prefixed with {@code where} unless it names it. */
  static CacheLoad unreadable(String where, @Nullable String problem) {
    String p = String.valueOf(problem);
    return missing((p.startsWith(where) ? p : where + ": " + p) + "; building without it");
  }
}
