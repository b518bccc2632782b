package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.CacheSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a build uses the build cache.
 *
 * @param noCacheStages {@code --no-cache-filter}: stages (names lower-cased, or indexes) whose
 *     steps always run
 * @param ttl {@code --cache-ttl}: ignore entries recorded longer ago; null keeps all
 * @param from {@code --cache-from}: caches to import
 * @param to {@code --cache-to}: caches to export when the build succeeds
 */
public record CacheOptions(
    Set<String> noCacheStages, @Nullable Duration ttl, List<CacheSpec> from, List<CacheSpec> to) {
  public CacheOptions {
    noCacheStages = Set.copyOf(noCacheStages);
    from = List.copyOf(from);
    to = List.copyOf(to);
  }
}
