package dev.jbuild.oci;

import dev.jbuild.image.Annotations;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}).
 * Images are found by {@code org.opencontainers.image.ref.name}; an index entry that is itself an
 * index is resolved by platform.
 */
public final class OciLayout implements java.io.Closeable {
  private final EntrySource source;
  private final String dir;
  private final ImageIndex index;

  private OciLayout(EntrySource source, ImageIndex index) {
    this.source = source;
    this.dir = source.describe();
    this.index = index;
  }

  /** Opens a layout directory. */
  public static OciLayout open(Path dir) throws IOException {
    return open(EntrySource.directory(dir));
  }

  /** Opens an oci-archive (a tar of a layout) without extracting it. Close when done. */
  public static OciLayout openArchive(Path tarFile) throws IOException {
    return open(EntrySource.tar(tarFile));
  }

  private static OciLayout open(EntrySource source) throws IOException {
    try {
      return new OciLayout(source, readIndex(source));
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private static ImageIndex readIndex(EntrySource source) throws IOException {
    String where = source.describe();
    try (InputStream layout = source.open("oci-layout")) {
      if (layout == null) {
        throw new ImageFormatException(
            where + " is not an OCI image layout (no oci-layout file); check the path");
      }
    }
    try (InputStream in = source.open("index.json")) {
      if (in == null) {
        throw new ImageFormatException(where + " is not an OCI image layout (no index.json)");
      }
      return ImageJson.read(in.readAllBytes(), ImageIndex.class, where + "/index.json");
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  public ImageIndex index() {
    return index;
  }

  /** The ref names in index.json, in order (entries without a name are skipped). */
  public List<String> refs() {
    List<String> out = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      String ref = d.annotation(Annotations.REF_NAME);
      if (ref != null) {
        out.add(ref);
      }
    }
    return out;
  }

  /**
   * The image named {@code ref} (or, when {@code ref} is null, the only entry) for {@code platform}
   * (null: the only one, or linux/amd64).
   */
  public Image image(@Nullable String ref, @Nullable Platform platform) throws IOException {
    Descriptor d = find(ref);
    return resolve(d, platform, ref == null ? dir.toString() : dir + ":" + ref);
  }

  private Descriptor find(@Nullable String ref) {
    if (ref == null) {
      if (index.manifests().size() != 1) {
        throw new ImageFormatException(
            dir
                + " holds "
                + index.manifests().size()
                + " images: name one as "
                + dir
                + ":<ref> (refs: "
                + String.join(", ", refs())
                + ")");
      }
      return index.manifests().get(0);
    }
    for (Descriptor d : index.manifests()) {
      if (ref.equals(d.annotation(Annotations.REF_NAME))) {
        return d;
      }
    }
    throw new ImageFormatException(
        "no image " + ref + " in OCI layout " + dir + " (refs: " + String.join(", ", refs()) + ")");
  }

  private Image resolve(Descriptor d, @Nullable Platform platform, String where)
      throws IOException {
    if (MediaTypes.isIndex(d.mediaType())) {
      ImageIndex child = ImageJson.readIndex(readVerified(d));
      return resolve(Platforms.select(child.manifests(), platform, where), platform, where);
    }
    if (!MediaTypes.isManifest(d.mediaType())) {
      throw new ImageFormatException(where + ": unsupported manifest media type " + d.mediaType());
    }
    byte[] raw = readVerified(d);
    return new LayoutImage(raw);
  }

  private byte[] readVerified(Descriptor d) throws IOException {
    try (InputStream in = open(d)) {
      return in.readAllBytes();
    }
  }

  InputStream open(Descriptor d) throws IOException {
    Digest digest = d.digest();
    InputStream in = source.open("blobs/" + digest.algorithm() + "/" + digest.hex());
    if (in == null) {
      throw new ImageFormatException(
          "OCI layout " + dir + " is missing blob " + digest + " (incomplete copy?)");
    }
    return Digests.verifying(in, digest, d.size());
  }

  private final class LayoutImage implements Image {
    private final byte[] raw;

    LayoutImage(byte[] raw) {
      this.raw = raw;
    }

    @Override
    public byte[] rawManifest() {
      return raw.clone();
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws IOException {
      return open(blob);
    }
  }
}
