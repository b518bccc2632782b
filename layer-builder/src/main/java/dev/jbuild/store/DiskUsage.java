package dev.jbuild.store;

/**
 * Space the store uses, by kind: {@code blobs/} (compressed layers, configs, manifests), {@code
 * layers/} (unpacked layers), {@code cache/} (build cache entries) and {@code tmp/} (running and
 * interrupted work). Sizes are apparent file sizes in bytes.
 */
public record DiskUsage(
    long blobBytes,
    int blobCount,
    long layerBytes,
    int layerCount,
    long cacheBytes,
    int cacheCount,
    long tmpBytes) {

  public long totalBytes() {
    return blobBytes + layerBytes + cacheBytes + tmpBytes;
  }
}
