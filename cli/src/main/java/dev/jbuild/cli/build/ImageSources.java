package dev.jbuild.cli.build;

import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.Task;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ImageTransfers;
import dev.jbuild.registry.InvalidReferenceException;
import dev.jbuild.registry.ProgressListener;
import dev.jbuild.registry.PullResult;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistryOptions;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the image a {@code FROM} or {@code COPY --from} names and opens it as a stage state. */
public final class ImageSources {
  private final LocalStore store;
  private final RegistryOptions registry;
  private final boolean alwaysPull;
  private final Progress progress;
  private final dev.jbuild.image.Platform platform;
  private final Map<String, Digest> pulledThisBuild = new ConcurrentHashMap<>();
  private final Map<String, String> foundByName = new ConcurrentHashMap<>();

  /**
   * @param alwaysPull {@code --pull}: look every image up in its registry again, once per build
   */
  public ImageSources(
      LocalStore store,
      RegistryOptions registry,
      boolean alwaysPull,
      Progress progress,
      dev.jbuild.image.Platform platform) {
    this.platform = platform;
    this.store = store;
    this.registry = registry;
    this.alwaysPull = alwaysPull;
    this.progress = progress;
  }

  /**
   * The stage state of image {@code ref}: from the local store, else (or with --pull) pulled from
   * its registry into the store; fails with the fix when neither has it.
   */
  StageState open(String ref) throws IOException {
    String name = normalize(ref);
    Optional<Digest> manifest = alwaysPull ? Optional.empty() : store.resolve(name);
    if (manifest.isEmpty()) {
      manifest = Optional.of(pull(ref, name));
    } else {
      foundByName.put(name, manifest.get().toString());
    }
    ImageManifest m = store.manifest(manifest.get());
    ImageConfig config = store.config(m.config().digest());
    return new StageState(config, m.layers(), false);
  }

  private synchronized Digest pull(String ref, String name) throws IOException {
    Digest done = pulledThisBuild.get(name);
    if (done != null) {
      return done;
    }
    Task t = progress.start("pulling " + name);
    try (RegistryClient client = RegistryClient.create(registry)) {
      PullResult result =
          client.pull(
              ImageReference.parse(name),
              platform,
              ImageTransfers.storeSink(store),
              ProgressListener.NONE);
      Digest digest = Digest.parse(result.manifest().digest());
      store.tag(name, digest);
      pulledThisBuild.put(name, digest);
      t.done();
      return digest;
    } catch (RegistryException e) {
      t.failed(String.valueOf(e.getMessage()));
      Optional<Digest> local = store.resolve(name);
      if (alwaysPull && local.isPresent()) {
        throw new StepFailure("--pull: " + e.getMessage(), e);
      }
      throw new StepFailure(
          "image \""
              + ref
              + "\" is not in the local store ("
              + store.root()
              + ") and pulling it failed: "
              + e.getMessage(),
          e);
    }
  }

  /** The images found in the store by name so far: name to manifest digest. */
  Map<String, String> resolvedByName() {
    return Map.copyOf(foundByName);
  }

  /** Whether nothing was pulled so far. */
  boolean pulledNothing() {
    return pulledThisBuild.isEmpty();
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
