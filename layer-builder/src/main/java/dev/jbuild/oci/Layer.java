package dev.jbuild.oci;

import com.github.luben.zstd.ZstdInputStream;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** A layer of an {@link Image}: its stored blob and its diffID. */
public record Layer(Descriptor descriptor, Digest diffId, BlobOpener opener) {
  /** Opens a blob by descriptor. */
  @FunctionalInterface
  public interface BlobOpener {
    InputStream open(Descriptor d) throws IOException;
  }

  /** The blob as stored (compressed or not), verified against the descriptor. */
  public InputStream open() throws IOException {
    return opener.open(descriptor);
  }

  /**
   * The uncompressed tar, verified twice: the blob against its digest and the tar against the
   * diffID (mismatch → {@link dev.jbuild.image.DigestMismatchException} at EOF or close).
   */
  public InputStream openUncompressed() throws IOException {
    if (descriptor.digest().equals(diffId) && !isCompressed(descriptor.mediaType())) {
      return open(); // a plain layer: checking the blob's digest checks the diffID
    }
    return Digests.verifying(decompress(open(), descriptor.mediaType()), diffId, -1);
  }

  private static boolean isCompressed(String mediaType) {
    return MediaTypes.isGzipLayer(mediaType) || MediaTypes.isZstdLayer(mediaType);
  }

  static InputStream decompress(InputStream blob, String mediaType) throws IOException {
    if (MediaTypes.isGzipLayer(mediaType)) {
      return new GZIPInputStream(new BufferedInputStream(blob, 64 * 1024), 64 * 1024);
    }
    if (MediaTypes.isZstdLayer(mediaType)) {
      return new ZstdInputStream(new BufferedInputStream(blob, 64 * 1024));
    }
    return blob;
  }
}
