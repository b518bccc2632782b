package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.ExistingFile;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.image.Descriptor;
import dev.jbuild.layer.LayerHeaders;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Indexes an image's filesystem by reading its layers' tar headers from the store, once per layer
 * chain per build; each layer's headers are kept in a {@link LayerHeaderCache} for later builds.
 */
final class StoreLayerIndexer implements LayerIndexer {
  private final LocalStore store;
  private final Map<String, FsIndex> byTopLayer = new ConcurrentHashMap<>();
  private final LayerHeaderCache headers;

  StoreLayerIndexer(LocalStore store) {
    this.store = store;
    this.headers = new LayerHeaderCache(store.root());
  }

  @Override
  public FsIndex index(StageState image) throws IOException {
    if (image.layers().isEmpty()) {
      return new FsIndex();
    }
    String key = chainKey(image);
    FsIndex cached = byTopLayer.get(key);
    if (cached != null) {
      return cached.copy();
    }
    FsIndex fs = new FsIndex();
    for (Descriptor layer : image.layers()) {
      apply(fs, layer);
    }
    byTopLayer.put(key, fs);
    return fs.copy();
  }

  @Override
  public void apply(FsIndex fs, Descriptor layer) throws IOException {
    Optional<List<LayerHeaders.Header>> known = headers.read(layer.digest());
    if (known.isPresent()) {
      known.get().forEach(h -> apply(fs, h));
      return;
    }
    List<LayerHeaders.Header> read = new ArrayList<>();
    try (InputStream blob = store.openBlob(layer.digest())) {
      LayerHeaders.readBlob(blob, layer.mediaType(), read::add);
    }
    read.forEach(h -> apply(fs, h));
    headers.write(layer.digest(), read);
  }

  private static void apply(FsIndex fs, LayerHeaders.Header h) {
    switch (h.kind()) {
      case WHITEOUT -> fs.remove(h.path());
      case OPAQUE -> fs.removeChildren(h.path());
      default -> {
        if (h.path().isEmpty()) {
          return;
        }
        fs.put(
            h.path(),
            new ExistingFile(kind(h.kind()), h.mode(), h.uid(), h.gid(), h.mtime()),
            h.linkName());
      }
    }
  }

  private static FileEntry.Kind kind(LayerHeaders.Kind k) {
    return switch (k) {
      case DIRECTORY -> FileEntry.Kind.DIRECTORY;
      case SYMLINK -> FileEntry.Kind.SYMLINK;
      default -> FileEntry.Kind.FILE;
    };
  }

  private static String chainKey(StageState image) {
    StringBuilder b = new StringBuilder();
    image.layers().forEach(l -> b.append(l.digest()).append(','));
    return b.toString();
  }
}
