package dev.jbuild.store;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.ManifestDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Space accounting and garbage collection for a {@link LocalStore}.
 *
 * <p>Prune keeps everything reachable from the tagged images (manifests, indexes, configs, layer
 * blobs and unpacked layers by diffID); without {@code all} it also keeps untagged images and what
 * build cache entries name. It holds the store's {@code lock} (so no tag changes meanwhile) and
 * never removes a file newer than the oldest session of a running jbuild process: another build's
 * fresh blobs are not yet referenced by any tag, and must survive.
 */
public final class StoreMaintenance {
  // Manifests are small; anything bigger is a layer and is not parsed while looking for roots.
  private static final long MAX_MANIFEST_BYTES = 4L << 20;
  // File times may be coarse; a small margin keeps a session's first files safe.
  private static final Duration SLACK = Duration.ofSeconds(2);

  private final LocalStore store;
  private final Path root;

  public StoreMaintenance(LocalStore store) {
    this.store = store;
    this.root = store.root();
  }

  /** Space used by kind. */
  public DiskUsage usage() throws IOException {
    List<Path> blobs = list(StorePaths.blobs(root, "sha256"));
    long blobBytes = 0;
    for (Path b : blobs) {
      blobBytes += sizeOrZero(b);
    }
    TreeSize.Pooled pool = TreeSize.pool(root.resolve("pool"));
    List<Path> layers = list(root.resolve("layers"));
    long layerBytes = 0;
    for (Path l : layers) {
      layerBytes += TreeSize.of(l, pool.inodes());
    }
    Path cache = root.resolve("cache");
    return new DiskUsage(
        blobBytes,
        blobs.size(),
        layerBytes,
        layers.size(),
        pool.bytes(),
        pool.inodes().size(),
        TreeSize.of(cache),
        CacheReferences.files(cache).size(),
        TreeSize.of(root.resolve("tmp")));
  }

  /** Removes what nothing keeps; {@code all} also drops untagged images and the build cache. */
  public PruneReport prune(boolean all) throws IOException {
    try (StoreLock l = StoreLock.acquire(root.resolve("lock"))) {
      Instant cutoff = oldestLiveSession().minus(SLACK);
      Reachable keep = new Reachable(store);
      for (Digest m : store.images().values()) {
        keep.addImage(m);
      }
      if (!all) {
        for (Digest m : untaggedManifests()) {
          keep.addImage(m);
        }
      }
      // a session of our own (lock first, as LocalStore does) to move doomed layers into
      String id = "s-prune-" + UUID.randomUUID();
      Path lockFile = root.resolve("tmp").resolve(id + ".lock");
      Path garbage = root.resolve("tmp").resolve(id);
      try (StoreLock g = StoreLock.acquire(lockFile)) {
        Files.createDirectories(garbage);
        Sweep sweep = new Sweep(cutoff, garbage);
        sweep.cache(root.resolve("cache"), all, keep);
        sweep.blobs(StorePaths.blobs(root, "sha256"), keep.blobs());
        sweep.layers(root.resolve("layers"), keep.diffIds());
        sweep.compressedCopies(CompressedCopies.dir(root), StorePaths.blobs(root, "sha256"));
        sweep.tempFiles(CompressedCopies.dir(root));
        sweep.pool(root.resolve("pool")); // after layers: removing those drops links
        sweep.trash(root.resolve("tmp").resolve(LocalStore.TRASH));
        sweep.sideFiles(root.resolve("layer-headers"), StorePaths.blobs(root, "sha256"));
        sweep.tempFiles(root.resolve("layer-headers"));
        sweep.tempFiles(root.resolve("stat-cache"));
        sweep.records(root.resolve("uptodate"));
        return sweep.report();
      } finally {
        AtomicFiles.deleteTree(garbage);
        Files.deleteIfExists(lockFile);
      }
    }
  }

  /** When the earliest still-running session (including this one) opened its store. */
  private Instant oldestLiveSession() throws IOException {
    Instant oldest = Instant.now();
    for (Path lock : list(root.resolve("tmp"))) {
      if (!lock.getFileName().toString().endsWith(".lock") || !Files.isRegularFile(lock)) {
        continue;
      }
      StoreLock probe = StoreLock.tryAcquire(lock);
      if (probe != null) {
        probe.close(); // its owner is gone; the next open removes its files
        continue;
      }
      Instant started = Files.getLastModifiedTime(lock).toInstant();
      if (started.isBefore(oldest)) {
        oldest = started;
      }
    }
    return oldest;
  }

  /**
   * Manifests and indexes in the store that no name points at (e.g. an image loaded without a name,
   * or the previous build of a tag), in digest order. Reads every small JSON blob.
   */
  public List<Digest> untaggedManifests() throws IOException {
    java.util.Set<Digest> named = new java.util.HashSet<>(store.images().values());
    List<Digest> found = new ArrayList<>();
    for (Path blob : list(StorePaths.blobs(root, "sha256"))) {
      Digest d = digestOf(blob);
      if (d != null
          && !named.contains(d)
          && sizeOrZero(blob) <= MAX_MANIFEST_BYTES
          && looksLikeManifest(blob)) {
        found.add(d);
      }
    }
    return found;
  }

  private static boolean looksLikeManifest(Path blob) {
    try (InputStream in = Files.newInputStream(blob)) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0 || bytes[0] != '{') {
        return false;
      }
      ManifestDocument doc = ImageJson.readManifestDocument(bytes);
      return doc instanceof ImageIndex || doc instanceof ImageManifest;
    } catch (IOException | ImageFormatException e) {
      return false;
    }
  }

  static @org.jspecify.annotations.Nullable Digest digestOf(Path blob) {
    String hex = blob.getFileName().toString();
    return hex.matches("[0-9a-f]{64}") ? Digest.sha256(hex) : null;
  }

  static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  static long sizeOrZero(Path p) {
    try {
      return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Descriptors a manifest document references: an index's manifests, or config and layers. */
  static List<Descriptor> children(ManifestDocument doc) {
    List<Descriptor> out = new ArrayList<>();
    if (doc instanceof ImageIndex i) {
      out.addAll(i.manifests());
    } else if (doc instanceof ImageManifest m) {
      out.add(m.config());
      out.addAll(m.layers());
    }
    return out;
  }
}
