package dev.jbuild.rootless;

/** {@code RUN --network}: the host's network, or a new namespace with only loopback. */
public enum Network {
  HOST,
  NONE
}
