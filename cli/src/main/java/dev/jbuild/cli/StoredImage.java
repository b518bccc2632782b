package dev.jbuild.cli;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.ManifestDocument;
import dev.jbuild.image.Platform;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.List;

/**
 * One image of the local store as the listing commands see it: the names pointing at its manifest,
 * the manifest and config, and its size (config plus layer blobs as stored).
 */
record StoredImage(
    List<String> names, Digest manifestDigest, ImageManifest manifest, ImageConfig config) {

  StoredImage {
    names = List.copyOf(names);
  }

  /**
   * Loads the image a name points at. For an index (a multi-platform image), the manifest shown is
   * the host platform's, or the first one the store holds; {@code manifestDigest} stays the
   * index's.
   */
  static StoredImage load(LocalStore store, Digest manifestDigest, List<String> names)
      throws IOException {
    ManifestDocument doc = store.manifestDocument(manifestDigest);
    ImageManifest m =
        doc instanceof ImageIndex index
            ? store.manifest(platformManifest(store, manifestDigest, index))
            : (ImageManifest) doc;
    return new StoredImage(names, manifestDigest, m, store.config(m.config().digest()));
  }

  private static Digest platformManifest(LocalStore store, Digest digest, ImageIndex index) {
    Digest first = null;
    for (Descriptor d : index.manifests()) {
      if (!store.hasBlob(d.digest())) {
        continue;
      }
      if (first == null) {
        first = d.digest();
      }
      Platform p = d.platform();
      if (p != null && p.toString().equals(PlatformNames.hostPlatform())) {
        return d.digest();
      }
    }
    if (first == null) {
      throw new UserError(
          "image index " + digest + " has none of its manifests in the local store: pull it again");
    }
    return first;
  }

  /** The image ID: the config digest, as docker and podman print it. */
  Digest id() {
    return manifest.config().digest();
  }

  long size() {
    long total = manifest.config().size();
    for (Descriptor l : manifest.layers()) {
      total += l.size();
    }
    return total;
  }
}
