package dev.jbuild.oci;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.layer.Compression;
import dev.jbuild.store.CompressedCopies;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compression as a property of an export: the store keeps the layers a build makes uncompressed,
 * and whatever leaves it (push, OCI layout, archive, shared cache) names those layers compressed
 * with {@code target}. Each layer is compressed once into a store blob, remembered by {@link
 * CompressedCopies}; our gzip and zstd are deterministic, so the same image exports to the same
 * digests on every machine. Layers that are already compressed (pulled or loaded) leave as they
 * are, and so does everything when {@code target} is {@link Compression#NONE}.
 */
public final class ExportCompression {
  private final LocalStore store;
  private final Compression target;
  private final CompressedCopies copies;
  private final int threads;

  public ExportCompression(LocalStore store, Compression target) {
    this.store = store;
    this.target = target;
    this.copies = new CompressedCopies(store);
    this.threads = Runtime.getRuntime().availableProcessors();
  }

  public Compression target() {
    return target;
  }

  /** Whether export changes {@code mediaType}: a plain (uncompressed) tar layer. */
  public static boolean isPlainLayer(String mediaType) {
    return MediaTypes.OCI_LAYER.equals(mediaType) || MediaTypes.DOCKER_LAYER.equals(mediaType);
  }

  /** {@link #layer(Descriptor, Layer.BlobOpener)} with the plain layer read from the store. */
  public Descriptor layer(Descriptor layer) throws IOException {
    return layer(layer, this::openStoreBlob);
  }

  /**
   * The descriptor {@code layer} is exported as: itself, or, for a plain layer, its compressed copy
   * (made now from what {@code source} opens unless the store remembers one). The media type keeps
   * the layer's family (OCI or Docker).
   */
  public Descriptor layer(Descriptor layer, Layer.BlobOpener source) throws IOException {
    if (target == Compression.NONE || !isPlainLayer(layer.mediaType())) {
      return layer;
    }
    String algorithm = target.name().toLowerCase(Locale.ROOT);
    Digest diffId = layer.digest(); // a plain layer's digest is its diffID
    Optional<CompressedCopies.Copy> known = copies.find(diffId, algorithm);
    CompressedCopies.Copy copy = known.isPresent() ? known.get() : compress(layer, source);
    if (known.isEmpty()) {
      copies.remember(diffId, algorithm, copy);
    }
    boolean docker = MediaTypes.DOCKER_LAYER.equals(layer.mediaType());
    return new Descriptor(
        target.mediaType(docker),
        copy.digest(),
        copy.size(),
        layer.urls(),
        layer.annotations(),
        layer.platform(),
        layer.artifactType());
  }

  /** {@code layers} as exported, in order. */
  public List<Descriptor> layers(List<Descriptor> layers, Layer.BlobOpener source)
      throws IOException {
    List<Descriptor> out = new ArrayList<>(layers.size());
    for (Descriptor l : layers) {
      out.add(layer(l, source));
    }
    return out;
  }

  /**
   * {@code image} as exported: the same image (same bytes) when no layer changes, else an image
   * whose manifest names the compressed layers (same config, so the same image ID). Its blobs are
   * read from the store, or from {@code image} for those the store does not hold.
   */
  public Image image(Image image) throws IOException {
    ImageManifest m = image.manifest();
    List<Descriptor> layers = layers(m.layers(), image::openBlob);
    if (layers.equals(m.layers())) {
      return image;
    }
    return new Exported(m.withLayers(layers).toJson(), image, store);
  }

  private CompressedCopies.Copy compress(Descriptor layer, Layer.BlobOpener source)
      throws IOException {
    try (LocalStore.BlobWriter blob = store.newBlobWriter();
        InputStream in = source.open(layer)) {
      try (OutputStream out = target.compress(blob.stream(), threads)) {
        in.transferTo(out);
      }
      long size = blob.size();
      return new CompressedCopies.Copy(blob.commit(), size);
    }
  }

  private InputStream openStoreBlob(Descriptor d) throws IOException {
    if (!store.hasBlob(d.digest())) {
      throw new StoreException(
          "layer "
              + d.digest()
              + " is missing from the local store: build or pull its image again");
    }
    return Digests.verifying(
        Files.newInputStream(store.blobPath(d.digest())), d.digest(), d.size());
  }

  /** An image with a rewritten manifest; blobs come from the store, else from the original. */
  private static final class Exported implements Image {
    private final byte[] manifest;
    private final Image original;
    private final LocalStore store;

    Exported(byte[] manifest, Image original, LocalStore store) {
      this.manifest = manifest;
      this.original = original;
      this.store = store;
    }

    @Override
    public byte[] rawManifest() {
      return manifest.clone();
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
      if (store.hasBlob(blob.digest())) {
        return Digests.verifying(
            Files.newInputStream(store.blobPath(blob.digest())), blob.digest(), blob.size());
      }
      return original.openBlob(blob);
    }
  }
}
