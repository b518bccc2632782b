package dev.jbuild.layer;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;

/**
 * A committed layer: {@code diffId} is the sha256 of the uncompressed tar (the layer's identity,
 * listed in the config), {@code digest}/{@code size} describe the stored blob (equal to the diffID
 * when {@code compression} is NONE, as the build stores its layers).
 */
public record LayerRef(Digest diffId, Digest digest, long size, Compression compression) {
  /** Media type for an OCI ({@code docker=false}) or a Docker schema 2 manifest. */
  public String mediaType(boolean docker) {
    return compression.mediaType(docker);
  }

  public Descriptor descriptor(boolean docker) {
    return Descriptor.of(mediaType(docker), digest, size);
  }
}
