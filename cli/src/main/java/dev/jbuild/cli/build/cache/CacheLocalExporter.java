package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageJson;
import dev.jbuild.store.AtomicFiles;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code --cache-to type=local,dest=DIR}: writes a complete OCI image layout (layers gzip, see
 * {@link CacheExportLayers}) into a temp sibling of DIR, then renames it over DIR (a previous cache
 * is moved aside first and deleted after), so DIR is never half-written and holds no blob the new
 * cache does not list. Blobs of the previous cache are hard-linked (after their digest is checked)
 * instead of copied again. A DIR that exists and is neither empty nor a jbuild cache is refused,
 * never replaced.
 */
final class CacheLocalExporter implements CacheExporter {
  private final CacheSpec.Local spec;

  CacheLocalExporter(CacheSpec.Local spec) {
    this.spec = spec;
  }

  @Override
  public CacheExportSummary export(List<CacheEntry> entries, LocalStore store) {
    Path dest = spec.dir().toAbsolutePath().normalize();
    String where = "export cache to " + dest;
    Path parent = dest.getParent();
    if (parent == null) {
      throw new CacheException(where + ": give a directory below / for dest=");
    }
    boolean replace = checkReplaceable(dest, where);
    Path tmp = parent.resolve("." + dest.getFileName() + ".tmp-" + UUID.randomUUID());
    boolean done = false;
    try {
      CachePlan plan = CacheFormat.plan(CacheExportLayers.compressed(entries, store));
      Files.createDirectories(parent);
      Files.createDirectory(tmp);
      int written = new CacheLayoutWriter(tmp, dest, store, where).write(plan);
      swap(tmp, dest, replace);
      done = true;
      return new CacheExportSummary(
          dest.toString(),
          plan.manifestDescriptor().digest().toString(),
          plan.entryCount(),
          plan.layers().size(),
          written);
    } catch (IOException e) {
      throw new CacheException(where + ": " + CacheIoErrors.describe(e), e);
    } finally {
      if (!done) {
        deleteQuietly(tmp);
      }
    }
  }

  /** The error for a layer that is in no source the export can read. */
  static CacheException missing(String where, CachePlan plan, Descriptor layer) {
    return new CacheException(
        where
            + ": layer "
            + layer.digest()
            + " of cache entry "
            + plan.firstKeyByLayer().getOrDefault(layer.digest().toString(), "?")
            + " is not in the local store (pruned?); nothing was exported; rebuild with"
            + " --no-cache to recreate it");
  }

  // True when dest exists and may be replaced: an empty directory or a jbuild cache layout.
  private static boolean checkReplaceable(Path dest, String where) {
    if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.isSymbolicLink(dest)) {
      throw new CacheException(
          where
              + ": it is a symbolic link, which an export would replace; give the directory it"
              + " points to as dest=");
    }
    if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      throw new CacheException(
          where + ": it exists and is not a directory; give a new or empty directory as dest=");
    }
    try (Stream<Path> s = Files.list(dest)) {
      if (s.findAny().isEmpty() || isCacheLayout(dest)) {
        return true;
      }
    } catch (IOException e) {
      throw new CacheException(where + ": cannot read it: " + CacheIoErrors.describe(e), e);
    }
    throw new CacheException(
        where
            + ": the directory exists and is not a jbuild cache, so it is not replaced; give a"
            + " new or empty directory as dest=");
  }

  private static boolean isCacheLayout(Path dir) throws IOException {
    Path index = dir.resolve("index.json");
    if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(index)) {
      return false;
    }
    try {
      ImageIndex idx = ImageJson.readIndex(Files.readAllBytes(index));
      return !idx.manifests().isEmpty()
          && idx.manifests().stream()
              .allMatch(d -> CacheFormat.MEDIA_TYPE.equals(d.artifactType()));
    } catch (ImageFormatException e) {
      return false;
    }
  }

  private static void swap(Path tmp, Path dest, boolean replace) throws IOException {
    if (!replace) {
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path trash = dest.resolveSibling("." + dest.getFileName() + ".old-" + UUID.randomUUID());
    Files.move(dest, trash, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(trash, dest, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteQuietly(trash);
  }

  private static void deleteQuietly(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      // a leftover hidden temp dir is harmless; the cache itself is complete
    }
  }
}
