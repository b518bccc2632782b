package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.SourceDigests;
import dev.jbuild.cli.build.cache.StatCache;
import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.cli.build.copy.StatAttributes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Source digests for one build, each tree (main context, named contexts, heredoc dirs) with its own
 * stat cache in the store, loaded on first use and saved when the build ends.
 */
final class StoreSourceHasher implements SourceHasher, ContentDigests, Closeable {
  private final Path storeRoot;
  private final Map<Path, StatCache> caches = new LinkedHashMap<>();

  StoreSourceHasher(Path storeRoot) {
    this.storeRoot = storeRoot;
  }

  @Override
  public synchronized String digest(SourceTree tree, List<String> sources) throws IOException {
    StatCache stats =
        caches.computeIfAbsent(
            tree.root(), root -> StatCache.open(StatCache.location(storeRoot, root)));
    return new SourceDigests(stats).digest(tree, sources);
  }

  /** The digest hashed for {@code file} (in a tree this build digested) if it is unchanged. */
  @Override
  public synchronized ContentDigests.@Nullable Known known(Path file) throws IOException {
    for (Map.Entry<Path, StatCache> e : caches.entrySet()) {
      if (file.toAbsolutePath().startsWith(e.getKey().toAbsolutePath())) {
        StatAttributes stat = StatAttributes.read(file);
        String sha = e.getValue().cached(file, stat);
        return sha == null ? null : new Known(sha, stat);
      }
    }
    return null;
  }

  /** Saves every stat cache that changed. */
  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    for (StatCache c : caches.values()) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    caches.clear();
    if (first != null) {
      throw first;
    }
  }
}
