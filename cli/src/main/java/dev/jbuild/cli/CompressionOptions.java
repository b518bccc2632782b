package dev.jbuild.cli;

import dev.jbuild.layer.Compression;
import picocli.CommandLine.Option;

/**
 * {@code --compression-format}: how layers are compressed when they leave the store (push, OCI
 * layout and archive outputs). The store keeps built layers uncompressed; docker-archive outputs
 * hold uncompressed layers whatever this says, as {@code docker save} does.
 */
final class CompressionOptions {
  @Option(
      names = "--compression-format",
      paramLabel = "gzip|zstd|uncompressed",
      description =
          "Compression of the layers an export writes (default: gzip); layers pulled already"
              + " compressed are sent as they are.")
  String format = "gzip";

  Compression compression() {
    try {
      return Compression.parse(format);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--compression-format: " + e.getMessage());
    }
  }
}
