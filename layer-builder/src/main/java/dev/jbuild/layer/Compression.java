package dev.jbuild.layer;

import dev.jbuild.image.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;

/** How a layer blob is compressed. */
public enum Compression {
  GZIP,
  ZSTD,
  NONE;

  /** Parses a user's {@code --compression-format} value (gzip, zstd, uncompressed/none). */
  public static Compression parse(String text) {
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "gzip":
        return GZIP;
      case "zstd":
        return ZSTD;
      case "none":
      case "uncompressed":
        return NONE;
      default:
        throw new IllegalArgumentException(
            "unknown compression \"" + text + "\": use gzip, zstd or uncompressed");
    }
  }

  /** Layer media type for an OCI or a Docker manifest. */
  public String mediaType(boolean docker) {
    switch (this) {
      case GZIP:
        return docker ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.OCI_LAYER_GZIP;
      case ZSTD:
        return docker ? MediaTypes.DOCKER_LAYER_ZSTD : MediaTypes.OCI_LAYER_ZSTD;
      default:
        return docker ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER;
    }
  }

  /** The compression a layer media type declares. */
  public static Compression ofMediaType(String mediaType) {
    if (MediaTypes.isGzipLayer(mediaType)) {
      return GZIP;
    }
    return MediaTypes.isZstdLayer(mediaType) ? ZSTD : NONE;
  }

  /**
   * Wraps {@code out} in a compressor. gzip uses {@code threads} workers (1 = on the caller's
   * thread); the output bytes do not depend on {@code threads}.
   */
  public OutputStream compress(OutputStream out, int threads) throws IOException {
    switch (this) {
      case GZIP:
        return new ParallelGzipOutputStream(out, threads);
      case ZSTD:
        return new ZstdCompressor(out);
      default:
        return new NonClosingOutputStream(out);
    }
  }
}
