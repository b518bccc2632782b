package dev.jbuild.layer;

import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestingOutputStream;
import dev.jbuild.image.Digests;
import dev.jbuild.store.LocalStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Collects the entries of one layer, then writes them as a tar in a stable order (component-wise
 * sorted, parents before children, a directory's opaque marker first) so identical entries give
 * identical bytes. Adding a path twice keeps the last. Parent directories are not invented: add
 * them if the layer should set their metadata. Content of files is read only when writing.
 */
public final class LayerBuilder {
  private final TreeMap<String, LayerEntry> entries = new TreeMap<>(LayerPaths.ORDER);
  private @Nullable Instant clamp;

  public static LayerBuilder create() {
    return new LayerBuilder();
  }

  /** Clamp every entry time newer than {@code sourceDateEpoch} to it (SOURCE_DATE_EPOCH). */
  public LayerBuilder clampTimes(@Nullable Instant sourceDateEpoch) {
    this.clamp = sourceDateEpoch;
    return this;
  }

  public LayerBuilder directory(String path, EntryMeta meta) {
    return put(new LayerEntry.Directory(LayerPaths.normalize(path), meta));
  }

  public LayerBuilder file(String path, EntryMeta meta, FileSource source) {
    return put(new LayerEntry.RegularFile(LayerPaths.normalize(path), meta, source));
  }

  public LayerBuilder symlink(String path, EntryMeta meta, String target) {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new LayerException("symlink " + LayerPaths.printable(path) + " has an empty target");
    }
    return put(new LayerEntry.Symlink(LayerPaths.normalize(path), meta, target));
  }

  /** {@code path} is another name of regular file {@code target} (also in this layer). */
  public LayerBuilder hardlink(String path, EntryMeta meta, String target) {
    return put(
        new LayerEntry.Hardlink(LayerPaths.normalize(path), meta, LayerPaths.normalize(target)));
  }

  public LayerBuilder device(String path, EntryMeta meta, boolean block, int major, int minor) {
    return put(new LayerEntry.Device(LayerPaths.normalize(path), meta, block, major, minor));
  }

  public LayerBuilder fifo(String path, EntryMeta meta) {
    return put(new LayerEntry.Fifo(LayerPaths.normalize(path), meta));
  }

  /** Marks {@code path} deleted (written as {@code .wh.<name>} in its parent). */
  public LayerBuilder whiteout(String path) {
    String p = LayerPaths.normalize(path);
    return put(new LayerEntry.Whiteout(p));
  }

  /** Hides everything the lower layers have under directory {@code dir}. */
  public LayerBuilder opaque(String dir) {
    String p = LayerPaths.normalize(dir);
    entries.put(p + "/" + LayerPaths.OPAQUE, new LayerEntry.Opaque(p));
    return this;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  private LayerBuilder put(LayerEntry e) {
    entries.put(e.path(), e);
    return this;
  }

  /** Writes the uncompressed tar to {@code out} (not closed) and returns its sha256, the diffID. */
  public Digest writeTar(OutputStream out) throws IOException {
    DigestingOutputStream digesting = Digests.digesting(out);
    writeTarTo(digesting);
    return digesting.digest();
  }

  private void writeTarTo(OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
    TarEntryWriter w = new TarEntryWriter(buffered, clamp);
    for (LayerEntry e : resolveHardlinks()) {
      write(w, e);
    }
    w.finish();
    buffered.flush();
  }

  /**
   * Writes the layer into {@code store} in one pass: tar → sha256 (diffID) → compressor (gzip on
   * {@code threads} workers) → sha256 (digest) → temp file → fsync → rename to its blob path.
   */
  public LayerRef commit(LocalStore store, Compression compression, int threads)
      throws IOException {
    if (compression == Compression.NONE) {
      return commitPlain(store);
    }
    try (LocalStore.BlobWriter blob = store.newBlobWriter()) {
      Digest diffId;
      try (OutputStream comp = compression.compress(blob.stream(), threads)) {
        diffId = writeTar(comp);
      }
      long size = blob.size();
      Digest digest = blob.commit();
      return new LayerRef(diffId, digest, size, compression);
    }
  }

  // Uncompressed, the blob is the tar: its digest is the diffID, hashed once by the blob writer.
  private LayerRef commitPlain(LocalStore store) throws IOException {
    try (LocalStore.BlobWriter blob = store.newBlobWriter()) {
      writeTarTo(blob.stream());
      long size = blob.size();
      Digest digest = blob.commit();
      return new LayerRef(digest, digest, size, Compression.NONE);
    }
  }

  /** Commit with gzip workers on all cores. */
  public LayerRef commit(LocalStore store, Compression compression) throws IOException {
    return commit(store, compression, Runtime.getRuntime().availableProcessors());
  }

  private static void write(TarEntryWriter w, LayerEntry e) throws IOException {
    if (e instanceof LayerEntry.Directory d) {
      w.directory(d.path(), d.meta());
    } else if (e instanceof LayerEntry.RegularFile f) {
      w.file(f.path(), f.meta(), f.source());
    } else if (e instanceof LayerEntry.Symlink s) {
      w.symlink(s.path(), s.meta(), s.target());
    } else if (e instanceof LayerEntry.Hardlink h) {
      w.hardlink(h.path(), h.meta(), h.target());
    } else if (e instanceof LayerEntry.Device d) {
      w.device(d.path(), d.meta(), d.block(), d.major(), d.minor());
    } else if (e instanceof LayerEntry.Fifo f) {
      w.fifo(f.path(), f.meta());
    } else if (e instanceof LayerEntry.Whiteout wh) {
      String parent = LayerPaths.parent(wh.path());
      String name = LayerPaths.WHITEOUT_PREFIX + LayerPaths.name(wh.path());
      w.marker(parent.isEmpty() ? name : parent + "/" + name);
    } else if (e instanceof LayerEntry.Opaque o) {
      w.marker(o.path() + "/" + LayerPaths.OPAQUE);
    }
  }

  /**
   * Hardlink groups are rewritten so the first path in tar order carries the content and the others
   * link to it, whichever name the caller called the target; a link whose target is not a regular
   * file of this layer is an error.
   */
  private List<LayerEntry> resolveHardlinks() {
    Map<String, List<String>> groups = new HashMap<>();
    for (LayerEntry e : entries.values()) {
      if (e instanceof LayerEntry.Hardlink h) {
        String root = rootOf(h);
        groups.computeIfAbsent(root, k -> new ArrayList<>(List.of(k))).add(h.path());
      }
    }
    Map<String, LayerEntry> rewritten = new HashMap<>();
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      LayerEntry.RegularFile file =
          (LayerEntry.RegularFile) java.util.Objects.requireNonNull(entries.get(g.getKey()));
      String primary = g.getValue().stream().min(LayerPaths.ORDER).orElseThrow();
      for (String p : g.getValue()) {
        rewritten.put(
            p,
            p.equals(primary)
                ? new LayerEntry.RegularFile(p, file.meta(), file.source())
                : new LayerEntry.Hardlink(p, file.meta(), primary));
      }
    }
    List<LayerEntry> out = new ArrayList<>(entries.size());
    for (LayerEntry e : entries.values()) {
      out.add(rewritten.getOrDefault(e.path(), e));
    }
    return out;
  }

  private String rootOf(LayerEntry.Hardlink h) {
    LayerEntry cur = h;
    for (int hops = 0; cur instanceof LayerEntry.Hardlink link; hops++) {
      LayerEntry next = entries.get(link.target());
      if (next == null || hops > entries.size() || next instanceof LayerEntry.Whiteout) {
        throw new LayerException(
            "hardlink "
                + LayerPaths.printable(h.path())
                + " points to "
                + LayerPaths.printable(link.target())
                + ", which is not a regular file in this layer");
      }
      cur = next;
    }
    if (!(cur instanceof LayerEntry.RegularFile)) {
      throw new LayerException(
          "hardlink "
              + LayerPaths.printable(h.path())
              + " points to "
              + LayerPaths.printable(cur.path())
              + ", which is not a regular file");
    }
    return cur.path();
  }
}
