package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.BuildCache;
import dev.jbuild.cli.build.cache.CacheEntry;
import dev.jbuild.cli.build.cache.CacheException;
import dev.jbuild.cli.build.cache.CacheExportSummary;
import dev.jbuild.cli.build.cache.CacheExporter;
import dev.jbuild.cli.build.cache.CacheImporter;
import dev.jbuild.cli.build.cache.CacheLoad;
import dev.jbuild.cli.build.cache.CacheSpec;
import dev.jbuild.cli.build.cache.ImportedCache;
import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryOptions;
import dev.jbuild.store.LocalStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --cache-from} and {@code --cache-to}: loads shared caches before the build and writes the
 * build's entries after it, with one registry client (made only if a registry cache is named).
 */
final class CacheSharing implements Closeable {
  private final LocalStore store;
  private final RegistryOptions registry;
  private final Progress progress;
  private @Nullable RegistryClient client;

  CacheSharing(LocalStore store, RegistryOptions registry, Progress progress) {
    this.store = store;
    this.registry = registry;
    this.progress = progress;
  }

  /** Loads each cache (manifest and entry list only); a missing one is a warning, as in buildx. */
  List<BuildCache> imports(List<CacheSpec> specs) {
    List<BuildCache> out = new ArrayList<>();
    for (CacheSpec spec : specs) {
      Task t = progress.start("importing cache manifest from " + spec.describe());
      CacheImporter importer = CacheImporter.of(spec, this::client, ProgressListener.NONE);
      CacheLoad load = importer.load();
      if (load.warning() != null) {
        t.done();
        progress.message("WARNING: " + load.warning());
        continue;
      }
      out.add(new ImportedCache(importer, load.entries(), store));
      t.done();
    }
    return out;
  }

  /** Writes {@code entries} to one cache; a failure fails the build unless ignore-error=true. */
  void export(CacheSpec spec, List<CacheEntry> entries) throws IOException {
    Task t = progress.start("exporting cache to " + spec.describe());
    try {
      CacheExporter exporter = CacheExporter.of(spec, this::client, ProgressListener.NONE);
      CacheExportSummary summary = exporter.export(entries, store);
      t.done();
      progress.message(summary.describe());
    } catch (CacheException e) {
      t.failed(String.valueOf(e.getMessage()));
      if (!spec.ignoreError()) {
        throw new StepFailure(String.valueOf(e.getMessage()), e);
      }
      progress.message("WARNING: " + e.getMessage());
    }
  }

  private synchronized RegistryClient client() {
    RegistryClient c = client;
    if (c == null) {
      c = RegistryClient.create(registry);
      client = c;
    }
    return c;
  }

  @Override
  public synchronized void close() {
    RegistryClient c = client;
    if (c != null) {
      c.close();
      client = null;
    }
  }
}
