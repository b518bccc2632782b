package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.layer.FileOwnership;
import dev.jbuild.layer.LayerExtractor;
import dev.jbuild.oci.Layer;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Unpacks a stage's layers into a directory in the store's temp space, with owners set when this
 * process may (root or a user namespace) and recorded otherwise. One directory per layer chain per
 * build. Overlay lower dirs, one per layer, are kept in the store by diffID.
 */
final class StoreRootfs implements RootfsMaterializer {
  private final LocalStore store;
  private final LowerDirWriter writer;
  private final Map<String, Path> byChain = new ConcurrentHashMap<>();
  private @Nullable FileOwnership owners;

  StoreRootfs(LocalStore store, ContentDigests digests, @Nullable Instant sourceDateEpoch) {
    this.store = store;
    this.writer = new LowerDirWriter(store.pool(), digests, store::newTempDir, sourceDateEpoch);
  }

  @Override
  public synchronized Path materialize(StageState state) throws IOException {
    String key = chainKey(state.layers());
    Path done = byChain.get(key);
    if (done != null) {
      return done;
    }
    Path root = store.newTempDir();
    LayerExtractor extractor = new LayerExtractor(root, owners(root));
    List<Digest> diffIds = state.config().rootfs().diffIds();
    List<Descriptor> layers = state.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = new Layer(layers.get(i), diffIds.get(i), this::open);
      try (InputStream tar = layer.openUncompressed()) {
        extractor.apply(tar);
      }
    }
    byChain.put(key, root);
    return root;
  }

  @Override
  public List<Path> layerDirs(StageState state) throws IOException {
    List<Digest> diffIds = state.config().rootfs().diffIds();
    List<Descriptor> layers = state.layers();
    List<Path> dirs = new java.util.ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      dirs.add(layerDir(layers.get(i), diffIds.get(i)));
    }
    return dirs;
  }

  @Override
  public Path layerDir(Descriptor descriptor, Digest diffId) throws IOException {
    Layer layer = new Layer(descriptor, diffId, this::open);
    return store.unpackLayer(layer.diffId(), dir -> unpackForOverlay(layer, dir));
  }

  @Override
  public Path entriesDir(Digest diffId, List<FileEntry> entries) throws IOException {
    return store.unpackLayer(diffId, dir -> writer.write(entries, dir));
  }

  private static void unpackForOverlay(Layer layer, Path dir) throws IOException {
    try (InputStream tar = layer.openUncompressed()) {
      LayerExtractor.forOverlayLower(dir, FileOwnership.chown()).apply(tar);
    }
  }

  private InputStream open(Descriptor d) throws IOException {
    return store.openBlob(d.digest());
  }

  /** How unpacked files got their owners (set, or only recorded), for writing them out again. */
  synchronized FileOwnership owners() throws IOException {
    FileOwnership known = owners;
    return known != null ? known : owners(store.newTempDir());
  }

  private FileOwnership owners(Path probeDir) throws IOException {
    if (owners == null) {
      owners = FileOwnership.detect(probeDir);
    }
    return owners;
  }

  private static String chainKey(List<Descriptor> layers) {
    StringBuilder b = new StringBuilder();
    layers.forEach(l -> b.append(l.digest()).append(','));
    return b.toString();
  }
}
