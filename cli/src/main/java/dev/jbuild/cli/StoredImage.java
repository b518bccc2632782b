package dev.jbuild.cli;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
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

  static StoredImage load(LocalStore store, Digest manifestDigest, List<String> names)
      throws IOException {
    ImageManifest m = store.manifest(manifestDigest);
    return new StoredImage(names, manifestDigest, m, store.config(m.config().digest()));
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
