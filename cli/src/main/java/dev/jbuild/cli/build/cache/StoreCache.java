package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The build cache kept in the local store ({@code cache/<key>.json}). An entry older than the TTL,
 * unreadable (torn by a crash), or naming a blob the store no longer has is a miss.
 */
public final class StoreCache implements BuildCache {
  private final LocalStore store;
  private final @Nullable Duration ttl;
  private final Instant now;

  /**
   * @param ttl {@code --cache-ttl}: entries recorded longer ago than this are ignored; null keeps
   *     every entry
   */
  public StoreCache(LocalStore store, @Nullable Duration ttl, Instant now) {
    this.store = store;
    this.ttl = ttl;
    this.now = now;
  }

  @Override
  public Optional<CacheEntry> find(String key) throws IOException {
    Optional<byte[]> bytes = store.readCacheEntry(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    CacheEntry entry;
    try {
      entry = CacheEntry.fromJson(bytes.get());
    } catch (ImageFormatException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!entry.key().equals(key) || expired(entry) || !blobsPresent(entry)) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  @Override
  public void record(CacheEntry entry) throws IOException {
    store.writeCacheEntry(entry.key(), entry.toJson());
  }

  private boolean expired(CacheEntry e) {
    return ttl != null && e.created().plus(ttl).isBefore(now);
  }

  private boolean blobsPresent(CacheEntry e) {
    for (Descriptor d : e.layers()) {
      if (!store.hasBlob(d.digest())) {
        return false;
      }
    }
    return true;
  }
}
