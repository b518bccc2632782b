package dev.jbuild.oci;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One image, wherever it lives (store, OCI layout, oci-archive, docker-archive): its manifest bytes
 * and a way to open its blobs. Everything else derives from those two methods. Blobs are verified
 * against their descriptor as they are read.
 */
public interface Image {
  /** The exact manifest bytes (their sha256 is the manifest digest). */
  byte[] rawManifest() throws IOException;

  /** Opens a blob the manifest references; implementations verify digest and size. */
  InputStream openBlob(Descriptor blob) throws IOException;

  default Digest manifestDigest() throws IOException {
    return Digests.sha256(rawManifest());
  }

  default ImageManifest manifest() throws IOException {
    return ImageJson.readManifest(rawManifest());
  }

  /** Descriptor of the manifest itself. */
  default Descriptor manifestDescriptor() throws IOException {
    byte[] raw = rawManifest();
    ImageManifest m = ImageJson.readManifest(raw);
    String mt = m.mediaType() != null ? m.mediaType() : dev.jbuild.image.MediaTypes.OCI_MANIFEST;
    return Descriptor.of(mt, Digests.sha256(raw), raw.length);
  }

  default byte[] rawConfig() throws IOException {
    try (InputStream in = openBlob(manifest().config())) {
      return in.readAllBytes();
    }
  }

  default ImageConfig config() throws IOException {
    return ImageJson.readConfig(rawConfig());
  }

  /** Layers base first, each with its blob descriptor and diffID. */
  default List<Layer> layers() throws IOException {
    ImageManifest m = manifest();
    List<Digest> diffIds = config().rootfs().diffIds();
    if (diffIds.size() != m.layers().size()) {
      throw new ImageFormatException(
          "image "
              + manifestDigest()
              + ": manifest has "
              + m.layers().size()
              + " layers but config lists "
              + diffIds.size()
              + " diff_ids");
    }
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      out.add(new Layer(m.layers().get(i), diffIds.get(i), this::openBlob));
    }
    return out;
  }
}
