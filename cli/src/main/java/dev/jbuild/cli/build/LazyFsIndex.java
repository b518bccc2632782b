package dev.jbuild.cli.build;

import dev.jbuild.image.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stage's file index, built from the base image's layer headers only when a step needs it (COPY,
 * WORKDIR): a build of RUN steps alone never reads the base layers. Layers committed before then
 * are applied when it is built.
 */
final class LazyFsIndex {
  private final LayerIndexer indexer;
  private final @Nullable StageState base;
  private @Nullable FsIndex fs;
  private final List<Descriptor> pending = new ArrayList<>();

  private LazyFsIndex(LayerIndexer indexer, @Nullable StageState base, @Nullable FsIndex fs) {
    this.indexer = indexer;
    this.base = base;
    this.fs = fs;
  }

  /** The index of {@code base}'s layers, read on first use. */
  static LazyFsIndex of(LayerIndexer indexer, StageState base) {
    return new LazyFsIndex(indexer, base, null);
  }

  /** An index that is already known (empty for scratch). */
  static LazyFsIndex ready(LayerIndexer indexer, FsIndex fs) {
    return new LazyFsIndex(indexer, null, fs);
  }

  FsIndex get() throws IOException {
    FsIndex current = fs;
    if (current == null) {
      current = base == null ? new FsIndex() : indexer.index(base);
      fs = current;
    }
    for (Descriptor d : pending) {
      indexer.apply(current, d);
    }
    pending.clear();
    return current;
  }

  /** Records a committed layer (read now if the index exists, else when it is built). */
  void applyLayer(Descriptor layer) throws IOException {
    FsIndex current = fs;
    if (current == null || !pending.isEmpty()) {
      pending.add(layer);
    } else {
      indexer.apply(current, layer);
    }
  }

  /**
   * Records a layer to apply when the index is next needed (a cache hit: a no-op rebuild never
   * reads its layers).
   */
  void applyLayerLater(Descriptor layer) {
    pending.add(layer);
  }

  /** An independent copy for a stage built on this one. */
  LazyFsIndex copy() {
    FsIndex current = fs;
    LazyFsIndex c = new LazyFsIndex(indexer, base, current == null ? null : current.copy());
    c.pending.addAll(pending);
    return c;
  }
}
