package dev.jbuild.cli.build.cache;

import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/** Writes build cache entries to a shared cache ({@code --cache-to}); see {@link CacheFormat}. */
public sealed interface CacheExporter permits CacheLocalExporter, CacheRegistryExporter {

  /**
   * Writes {@code entries} (their layer blobs read, verified, from {@code store}) so that the cache
   * holds exactly them. A failure throws {@link CacheException} and leaves the previous cache as it
   * was.
   */
  CacheExportSummary export(List<CacheEntry> entries, LocalStore store) throws IOException;

  /**
   * The exporter for {@code spec}. {@code client} is asked for only by a registry spec; the caller
   * owns (and closes) the client. Upload events go to {@code progress}.
   */
  static CacheExporter of(
      CacheSpec spec, Supplier<RegistryClient> client, ProgressListener progress) {
    if (spec instanceof CacheSpec.Registry r) {
      return new CacheRegistryExporter(r, client.get(), progress);
    }
    return new CacheLocalExporter((CacheSpec.Local) spec);
  }
}
