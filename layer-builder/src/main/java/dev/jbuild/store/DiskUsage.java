package dev.jbuild.store;

/**
 * Space the store uses, by kind: {@code blobs/} (compressed layers, configs, manifests), {@code
 * layers/} (unpacked layers, not counting the files they link from the pool), {@code pool/} (files
 * unpacked layers share by hard link), {@code cache/} (build cache entries) and {@code tmp/}
 * (running and interrupted work). Sizes are apparent file sizes in bytes.
 */
public record DiskUsage(
    long blobBytes,
    int blobCount,
    long layerBytes,
    int layerCount,
    long poolBytes,
    int poolCount,
    long cacheBytes,
    int cacheCount,
    long tmpBytes) {

  public long totalBytes() {
    return blobBytes + layerBytes + poolBytes + cacheBytes + tmpBytes;
  }
}
