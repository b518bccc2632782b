package dev.jbuild.cli.build;

import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.InvalidReferenceException;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.Optional;

/** Finds the image a {@code FROM} or {@code COPY --from} names and opens it as a stage state. */
public final class ImageSources {
  private final LocalStore store;

  public ImageSources(LocalStore store) {
    this.store = store;
  }

  /** The stage state of image {@code ref}; fails with the fix when it cannot be found. */
  StageState open(String ref) throws IOException {
    String name = normalize(ref);
    Optional<Digest> manifest = store.resolve(name);
    if (manifest.isEmpty()) {
      throw new StepFailure(
          "image \""
              + ref
              + "\" is not in the local store ("
              + store.root()
              + "); build or pull it first, or use --root to point at the store that has it");
    }
    ImageManifest m = store.manifest(manifest.get());
    ImageConfig config = store.config(m.config().digest());
    return new StageState(config, m.layers(), false);
  }

  /** The store's spelling of an image name: docker's fully qualified form. */
  public static String normalize(String ref) {
    try {
      return ImageReference.parse(ref).toString();
    } catch (InvalidReferenceException e) {
      throw new StepFailure(String.valueOf(e.getMessage()), e);
    }
  }
}
