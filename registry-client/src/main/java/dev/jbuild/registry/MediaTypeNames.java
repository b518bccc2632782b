package dev.jbuild.registry;

/** Manifest media types on the wire (the Accept and Content-Type values). */
final class MediaTypeNames {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  private MediaTypeNames() {}

  static boolean isIndex(String mediaType) {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST);
  }
}
