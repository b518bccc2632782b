package dev.jbuild.cli.build;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageManifest;

/**
 * The final image of a build, stored as blobs: its manifest (with descriptor) and config (with
 * descriptor). The image ID is the config digest, as docker reports it.
 */
public record BuiltImage(
    ImageManifest manifest,
    Descriptor manifestDescriptor,
    ImageConfig config,
    Descriptor configDescriptor,
    StageState stage) {

  public String imageId() {
    return configDescriptor.digest().toString();
  }
}
