package dev.jbuild.cli.build;

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
 * @param from {@code --cache-from} values, as given
 * @param to {@code --cache-to} values, as given
 */
public record CacheOptions(
    Set<String> noCacheStages, @Nullable Duration ttl, List<String> from, List<String> to) {
  public CacheOptions {
    noCacheStages = Set.copyOf(noCacheStages);
    from = List.copyOf(from);
    to = List.copyOf(to);
  }

  public static CacheOptions defaults() {
    return new CacheOptions(Set.of(), null, List.of(), List.of());
  }
}
