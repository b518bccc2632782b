package dev.jbuild.image;

/** Media types of OCI and Docker schema 2 documents and layers. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_ZSTD =
      "application/vnd.docker.image.rootfs.diff.tar.zstd";
  public static final String DOCKER_FOREIGN_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  public static boolean isConfig(String mediaType) {
    return OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
  }

  public static boolean isLayer(String mediaType) {
    return mediaType.startsWith("application/vnd.oci.image.layer.")
        || mediaType.startsWith("application/vnd.docker.image.rootfs.");
  }

  public static boolean isGzipLayer(String mediaType) {
    return mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip");
  }

  public static boolean isZstdLayer(String mediaType) {
    return mediaType.endsWith("+zstd") || mediaType.endsWith(".tar.zstd");
  }

  /** The config media type that goes with a manifest media type. */
  public static String configFor(String manifestMediaType) {
    return DOCKER_MANIFEST.equals(manifestMediaType) ? DOCKER_CONFIG : OCI_CONFIG;
  }

  /** The index media type that goes with a manifest media type. */
  public static String indexFor(String manifestMediaType) {
    return DOCKER_MANIFEST.equals(manifestMediaType) ? DOCKER_MANIFEST_LIST : OCI_INDEX;
  }
}
