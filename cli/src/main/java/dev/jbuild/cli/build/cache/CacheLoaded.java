package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageManifest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A cache an importer has read: its manifest digest and the layer blobs it lists, by digest. */
record CacheLoaded(String manifestDigest, Map<String, Descriptor> layers) {
  CacheLoaded {
    layers = Map.copyOf(layers);
  }

  static CacheLoaded of(String manifestDigest, ImageManifest m) {
    Map<String, Descriptor> layers = new HashMap<>();
    m.layers().forEach(l -> layers.put(l.digest().toString(), l));
    return new CacheLoaded(manifestDigest, layers);
  }

  /**
   * The cache an importer read ({@code known}, else read now by {@code load}), after checking that
   * it lists every layer of {@code e}; an unreadable cache is a {@link CacheException}.
   */
  static CacheLoaded forFetch(
      @Nullable CacheLoaded known,
      Supplier<@Nullable CacheLoaded> load,
      CacheEntry e,
      String where) {
    CacheLoaded l = known != null ? known : load.get();
    if (l == null) {
      throw new CacheException("fetch from " + where + ": the cache could not be read");
    }
    l.check(e, where);
    return l;
  }

  /** Checks that every layer of {@code e} is listed, so it can be fetched from this cache. */
  void check(CacheEntry e, String where) {
    for (Descriptor l : e.layers()) {
      Descriptor listed = layers.get(l.digest().toString());
      if (listed == null || listed.size() != l.size()) {
        throw new CacheException(
            where
                + ": [internal error] entry "
                + e.key()
                + " has layer "
                + l.digest()
                + " that this cache does not list");
      }
    }
  }
}
