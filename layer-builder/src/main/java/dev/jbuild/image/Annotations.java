package dev.jbuild.image;

/** Well-known OCI annotation keys. */
public final class Annotations {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  public static final String CREATED = "org.opencontainers.image.created";
  public static final String BASE_NAME = "org.opencontainers.image.base.name";
  public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  /** containerd/buildkit key for the full image name in an OCI layout index. */
  public static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

  private Annotations() {}
}
