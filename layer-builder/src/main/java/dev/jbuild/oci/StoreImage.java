package dev.jbuild.oci;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.io.InputStream;

/** An image in the {@link LocalStore}, by manifest digest. */
public final class StoreImage implements Image {
  private final LocalStore store;
  private final Digest manifest;

  private StoreImage(LocalStore store, Digest manifest) {
    this.store = store;
    this.manifest = manifest;
  }

  public static StoreImage of(LocalStore store, Digest manifest) {
    return new StoreImage(store, manifest);
  }

  /** The image tagged {@code name}; {@link StoreException} if there is none. */
  public static StoreImage named(LocalStore store, String name) throws IOException {
    Digest d =
        store
            .resolve(name)
            .orElseThrow(
                () ->
                    new StoreException(
                        "no image named " + name + " in the local store (see `jbuild images`)"));
    return new StoreImage(store, d);
  }

  @Override
  public byte[] rawManifest() throws IOException {
    return store.readBlob(manifest);
  }

  @Override
  public Digest manifestDigest() {
    return manifest;
  }

  @Override
  public InputStream openBlob(Descriptor blob) throws IOException {
    if (!store.hasBlob(blob.digest())) {
      throw new StoreException(
          "blob " + blob.digest() + " of image " + manifest + " is missing from the local store");
    }
    return Digests.verifying(
        java.nio.file.Files.newInputStream(store.blobPath(blob.digest())),
        blob.digest(),
        blob.size());
  }

  /**
   * Copies every blob of {@code image} into {@code store} (verified, skipping blobs already there),
   * then tags it {@code name} if not null. Returns the stored image.
   */
  public static StoreImage put(
      LocalStore store, Image image, @org.jspecify.annotations.Nullable String name)
      throws IOException {
    var m = image.manifest();
    copy(store, image, m.config());
    for (Descriptor l : m.layers()) {
      copy(store, image, l);
    }
    byte[] raw = image.rawManifest();
    Digest d = store.putBlob(raw);
    if (name != null) {
      store.tag(name, d);
    }
    return new StoreImage(store, d);
  }

  private static void copy(LocalStore store, Image image, Descriptor blob) throws IOException {
    if (store.hasBlob(blob.digest())) {
      return;
    }
    try (InputStream in = image.openBlob(blob)) {
      store.putBlob(in, blob.digest());
    }
  }
}
