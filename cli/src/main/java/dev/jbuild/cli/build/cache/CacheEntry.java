package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageJson;
import java.time.Instant;
import java.util.List;

/**
 * What one build step produced, found again by its cache key: the stage's whole state after the
 * step (config with history and diffIDs, the compressed layer blobs parallel to them, and whether
 * the stage set CMD). Reusing the state, not just the last layer, keeps history times and so the
 * image ID of a no-op rebuild unchanged.
 *
 * @param key the step's cache key (64 hex digits)
 * @param created when the entry was first recorded (for {@code --cache-ttl})
 */
public record CacheEntry(
    String key, Instant created, ImageConfig config, List<Descriptor> layers, boolean cmdSet) {
  public CacheEntry {
    layers = List.copyOf(layers);
  }

  /** Canonical JSON, the same bytes for the same entry. */
  public byte[] toJson() {
    return ImageJson.canonicalBytes(this);
  }

  public static CacheEntry fromJson(byte[] json) {
    return ImageJson.read(json, CacheEntry.class, "build cache entry");
  }
}
