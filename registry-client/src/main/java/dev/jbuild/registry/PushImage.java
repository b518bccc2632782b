package dev.jbuild.registry;

import java.util.List;

/** One image to push: its manifest and every blob it references (config and layers). */
public record PushImage(ManifestBlob manifest, List<BlobSource> blobs) {
  public PushImage {
    blobs = List.copyOf(blobs);
  }
}
