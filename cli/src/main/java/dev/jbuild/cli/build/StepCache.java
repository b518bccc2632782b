package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.BuildCache;
import dev.jbuild.cli.build.cache.CacheEntry;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.image.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The build cache as one build sees it: where entries are looked up (the store, then imported
 * caches), which stages may not use them ({@code --no-cache}, {@code --no-cache-filter}), and which
 * entries this build used or made (for {@code --cache-to}).
 */
final class StepCache {
  private final BuildCache local;
  private final List<BuildCache> imported;
  private final boolean noCache;
  private final Set<String> noCacheStages;
  private final TreeMap<Integer, Map<String, CacheEntry>> byStage = new TreeMap<>();

  /**
   * @param noCacheStages stage names (lower case) and indexes whose steps always run
   */
  StepCache(
      BuildCache local, List<BuildCache> imported, boolean noCache, Set<String> noCacheStages) {
    this.local = local;
    this.imported = List.copyOf(imported);
    this.noCache = noCache;
    this.noCacheStages = Set.copyOf(noCacheStages);
  }

  /**
   * The entry for {@code key} if {@code stage} may use the cache and it continues {@code current}
   * (same layers so far): a hit from an imported cache has its blobs fetched and is kept locally.
   */
  Optional<CacheEntry> find(Stage stage, String key, StageState current) throws IOException {
    if (noCache || skips(stage)) {
      return Optional.empty();
    }
    Optional<CacheEntry> hit = local.find(key);
    if (hit.isEmpty()) {
      for (BuildCache c : imported) {
        hit = c.find(key);
        if (hit.isPresent()) {
          local.record(hit.get());
          break;
        }
      }
    }
    if (hit.isEmpty() || !continues(hit.get(), current)) {
      return Optional.empty();
    }
    remember(stage, hit.get());
    return hit;
  }

  void record(Stage stage, CacheEntry entry) throws IOException {
    local.record(entry);
    remember(stage, entry);
  }

  /** Entries for export: the target stage's only ({@code mode=min}), or every stage's. */
  List<CacheEntry> forExport(boolean max) {
    List<CacheEntry> out = new ArrayList<>();
    if (byStage.isEmpty()) {
      return out;
    }
    if (max) {
      byStage.values().forEach(m -> out.addAll(m.values()));
    } else {
      out.addAll(byStage.lastEntry().getValue().values());
    }
    return out;
  }

  private boolean skips(Stage stage) {
    return noCacheStages.contains(Integer.toString(stage.index()))
        || (stage.name() != null && noCacheStages.contains(stage.name()));
  }

  private synchronized void remember(Stage stage, CacheEntry e) {
    byStage.computeIfAbsent(stage.index(), i -> new LinkedHashMap<>()).put(e.key(), e);
  }

  /**
   * An entry extends the state it would replace: same layers, then its own. Layers compare by
   * diffID, since the same layer may be stored uncompressed here and gzip in an imported cache.
   */
  private static boolean continues(CacheEntry e, StageState current) {
    List<Digest> have = current.config().rootfs().diffIds();
    List<Digest> got = e.config().rootfs().diffIds();
    return got.size() >= have.size()
        && e.layers().size() == got.size()
        && got.subList(0, have.size()).equals(have);
  }
}
