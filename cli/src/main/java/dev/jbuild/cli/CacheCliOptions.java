package dev.jbuild.cli;

import dev.jbuild.cli.build.CacheOptions;
import dev.jbuild.cli.build.cache.CacheSpec;
import dev.jbuild.cli.build.cache.CacheSpecs;
import dev.jbuild.dockerfile.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The build cache flags of {@code jbuild build}, shared with buildx and buildah spellings. */
final class CacheCliOptions {
  @Option(
      names = "--no-cache-filter",
      split = ",",
      paramLabel = "STAGE",
      description = "Do not use the build cache for these stages (names or indexes).")
  List<String> noCacheFilter = new ArrayList<>();

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      description = "Only use cache entries made within DURATION (e.g. 24h, 90m).")
  @Nullable String cacheTtl;

  @Option(
      names = "--cache-from",
      paramLabel = "SPEC",
      description = "Import build cache: type=registry,ref=REF | type=local,src=DIR | REF.")
  List<String> cacheFrom = new ArrayList<>();

  @Option(
      names = "--cache-to",
      paramLabel = "SPEC",
      description =
          "Export build cache: type=registry,ref=REF[,mode=min|max] | type=local,dest=DIR.")
  List<String> cacheTo = new ArrayList<>();

  @Option(
      names = "--layers",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "buildah's spelling: --layers=false turns the build cache off.")
  boolean layers = true;

  CacheOptions toCacheOptions() {
    Set<String> stages = new LinkedHashSet<>();
    noCacheFilter.forEach(s -> stages.add(s.trim().toLowerCase(Locale.ROOT)));
    List<CacheSpec> from = new ArrayList<>();
    List<CacheSpec> to = new ArrayList<>();
    try {
      cacheFrom.forEach(v -> from.add(CacheSpecs.parseFrom(v)));
      cacheTo.forEach(v -> to.add(CacheSpecs.parseTo(v)));
    } catch (IllegalArgumentException e) {
      throw new UsageError(String.valueOf(e.getMessage()));
    }
    return new CacheOptions(stages, ttl(), from, to);
  }

  private @Nullable Duration ttl() {
    if (cacheTtl == null) {
      return null;
    }
    try {
      Duration ttl = GoDuration.parse(cacheTtl.trim());
      if (ttl.isNegative()) {
        throw new IllegalArgumentException(cacheTtl);
      }
      return ttl;
    } catch (IllegalArgumentException e) {
      throw new UsageError(
          "--cache-ttl \"" + cacheTtl + "\": not a duration; write e.g. 24h, 90m or 1h30m");
    }
  }
}
