package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.layer.Compression;
import dev.jbuild.oci.ExportCompression;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers of a shared cache are gzip, whatever the store holds: an entry made here names its
 * layers uncompressed, and the export names their gzip copies instead (made once, remembered by the
 * store). The configs (and so the diffIDs a cache hit is checked against) stay the same.
 */
final class CacheExportLayers {
  private CacheExportLayers() {}

  static List<CacheEntry> compressed(List<CacheEntry> entries, LocalStore store)
      throws IOException {
    ExportCompression export = new ExportCompression(store, Compression.GZIP);
    List<CacheEntry> out = new ArrayList<>(entries.size());
    for (CacheEntry e : entries) {
      List<Descriptor> layers = new ArrayList<>(e.layers().size());
      for (Descriptor l : e.layers()) {
        // a layer the store lost stays as named, for the exporter to report
        layers.add(store.hasBlob(l.digest()) ? export.layer(l) : l);
      }
      out.add(new CacheEntry(e.key(), e.created(), e.config(), layers, e.cmdSet()));
    }
    return out;
  }
}
