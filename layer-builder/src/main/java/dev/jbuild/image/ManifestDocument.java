package dev.jbuild.image;

import org.jspecify.annotations.Nullable;

/** A document a registry or layout serves by digest: an image manifest or an index. */
public sealed interface ManifestDocument permits ImageManifest, ImageIndex {
  @Nullable String mediaType();

  /** Canonical JSON bytes of this document (use the original bytes when you have them). */
  default byte[] toJson() {
    return ImageJson.canonicalBytes(this);
  }
}
