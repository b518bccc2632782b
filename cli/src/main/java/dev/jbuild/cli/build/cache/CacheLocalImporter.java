package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** {@code --cache-from type=local,src=DIR}: reads the OCI image layout a local export wrote. */
final class CacheLocalImporter implements CacheImporter {
  private static final long MAX_MANIFEST = 4L << 20; // as a registry client accepts
  private final Path dir;
  private final String where;
  private volatile @Nullable CacheLoaded loaded;

  CacheLocalImporter(CacheSpec.Local spec) {
    this.dir = spec.dir().toAbsolutePath().normalize();
    this.where = "cache " + dir;
  }

  private @Nullable CacheLoaded loadAgain() {
    load();
    return loaded;
  }

  @Override
  public CacheLoad load() {
    if (!Files.exists(dir)) {
      return CacheLoad.missing(where + " does not exist yet; building without it");
    }
    try {
      Path indexFile = dir.resolve("index.json");
      if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(indexFile)) {
        throw new ImageFormatException("no oci-layout or index.json: not a jbuild cache");
      }
      ImageIndex index = ImageJson.readIndex(Files.readAllBytes(indexFile));
      Descriptor md = cacheManifest(index);
      if (md.size() > MAX_MANIFEST) {
        throw new ImageFormatException("its manifest is larger than " + MAX_MANIFEST + " bytes");
      }
      ImageManifest m = CacheFormat.manifest(read(md), where);
      Descriptor config = m.config();
      var entries = CacheFormat.entries(m, read(config), where);
      loaded = CacheLoaded.of(md.digest().toString(), m);
      return CacheLoad.found(entries);
    } catch (IOException e) {
      return CacheLoad.unreadable(where, CacheIoErrors.describe(e));
    } catch (ImageFormatException | StoreException e) {
      return CacheLoad.unreadable(where, e.getMessage());
    }
  }

  private static Descriptor cacheManifest(ImageIndex index) {
    for (Descriptor d : index.manifests()) {
      if (CacheFormat.MEDIA_TYPE.equals(d.artifactType())) {
        return d;
      }
    }
    throw new ImageFormatException("its index.json lists no jbuild cache manifest");
  }

  private byte[] read(Descriptor d) throws IOException {
    try (InputStream in = open(d)) {
      return in.readAllBytes();
    }
  }

  private InputStream open(Descriptor d) throws IOException {
    Path p = dir.resolve("blobs").resolve(d.digest().algorithm()).resolve(d.digest().hex());
    return Digests.verifying(Files.newInputStream(p), d.digest(), d.size());
  }

  @Override
  public void fetch(CacheEntry entry, LocalStore store) {
    CacheLoaded.forFetch(loaded, this::loadAgain, entry, where);
    for (Descriptor layer : entry.layers()) {
      if (!store.hasBlob(layer.digest())) {
        copy(layer, store);
      }
    }
  }

  private void copy(Descriptor layer, LocalStore store) {
    String step = "fetch layer " + layer.digest() + " from " + where;
    try (InputStream in = open(layer)) {
      store.putBlob(in, layer.digest());
    } catch (NoSuchFileException e) {
      throw new CacheException(
          step + ": the blob is missing (the cache was replaced or damaged); nothing was stored",
          e);
    } catch (IOException | StoreException e) {
      String why = e instanceof IOException io ? CacheIoErrors.describe(io) : e.getMessage();
      throw new CacheException(step + ": " + why + "; nothing was stored", e);
    }
  }
}
