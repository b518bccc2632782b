package dev.jbuild.registry;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.oci.Image;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Connects layer-builder's images and store to the transfer interfaces: any {@link Image} (store,
 * OCI layout, archive) becomes a {@link PushImage}, and a {@link LocalStore} becomes a {@link
 * BlobSink} for pulls.
 */
public final class ImageTransfers {
  private ImageTransfers() {}

  /**
   * The image's exact manifest bytes and its config and layer blobs; {@code mountSource} (a
   * repository on the target registry that has the base layers) enables cross-repo mounts.
   */
  public static PushImage pushImage(Image image, @Nullable ImageReference mountSource)
      throws IOException {
    byte[] raw = image.rawManifest();
    Descriptor self = image.manifestDescriptor();
    List<BlobSource> blobs = new ArrayList<>();
    blobs.add(new ImageBlob(image, image.manifest().config(), mountSource));
    for (Descriptor layer : image.manifest().layers()) {
      blobs.add(new ImageBlob(image, layer, mountSource));
    }
    return new PushImage(new ManifestBlob(self.mediaType(), self.digest().toString(), raw), blobs);
  }

  /** Pulls into {@code store}: each blob is verified while downloading, then renamed into place. */
  public static BlobSink storeSink(LocalStore store) throws IOException {
    return new StoreSink(store, store.newTempDir());
  }

  private record ImageBlob(Image image, Descriptor descriptor, @Nullable ImageReference mount)
      implements BlobSource {
    @Override
    public String digest() {
      return descriptor.digest().toString();
    }

    @Override
    public long size() {
      return descriptor.size();
    }

    @Override
    public InputStream open() throws IOException {
      return image.openBlob(descriptor);
    }

    @Override
    public @Nullable ImageReference mountSource() {
      return mount;
    }
  }

  private record StoreSink(LocalStore store, Path temp) implements BlobSink {
    @Override
    public boolean has(String digest) {
      return store.hasBlob(Digest.parse(digest));
    }

    @Override
    public Path tempDirectory() {
      return temp;
    }

    @Override
    public void accept(String digest, Path verifiedFile) throws IOException {
      // hashed once while downloading; a rename, not a copy and a second hash
      store.adoptVerifiedBlob(verifiedFile, Digest.parse(digest));
    }
  }
}
