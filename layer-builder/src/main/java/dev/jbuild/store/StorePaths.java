package dev.jbuild.store;

import dev.jbuild.image.Digest;
import java.nio.file.Path;

/**
 * Where a store keeps its blobs and its names. A class of its own, without the store's JSON set-up,
 * so a reader that must stay cheap (the up-to-date check of a build, before anything else loads)
 * finds the same files {@link LocalStore} writes.
 */
public final class StorePaths {
  private StorePaths() {}

  /** The directory of the blobs hashed with {@code algorithm}: {@code blobs/<algorithm>}. */
  public static Path blobs(Path root, String algorithm) {
    return root.resolve("blobs").resolve(algorithm);
  }

  /** The blob {@code digest} names: {@code blobs/<algorithm>/<hex>}. */
  public static Path blob(Path root, Digest digest) {
    return blobs(root, digest.algorithm()).resolve(digest.hex());
  }

  /** The names file, {@code images.json}: a JSON object from image name to manifest digest. */
  public static Path images(Path root) {
    return root.resolve("images.json");
  }
}
