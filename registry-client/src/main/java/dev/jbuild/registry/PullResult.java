package dev.jbuild.registry;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a pull fetched: the platform manifest, the index it was chosen from (if any), the config
 * digest, the layer digests in order, and the reference it actually came from (a mirror or the
 * registry itself).
 */
public record PullResult(
    ImageReference source,
    ManifestBlob manifest,
    @Nullable ManifestBlob index,
    String configDigest,
    List<String> layerDigests) {
  public PullResult {
    layerDigests = List.copyOf(layerDigests);
  }
}
