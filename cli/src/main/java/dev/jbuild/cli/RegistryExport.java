package dev.jbuild.cli;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.ManifestDocument;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.layer.Compression;
import dev.jbuild.oci.ExportCompression;
import dev.jbuild.oci.Image;
import dev.jbuild.oci.StoreImage;
import dev.jbuild.registry.BlobSource;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ManifestBlob;
import dev.jbuild.registry.PushImage;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistryOptions;
import dev.jbuild.store.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pushes an image of the local store to registries: {@code jbuild push}, and {@code build --push} /
 * {@code --output type=registry}. Blobs are read (and verified) from the store; uncompressed layers
 * leave compressed (see {@link ExportCompression}), and the manifest is sent as the export made it,
 * or rewritten to the other format when one is asked for.
 */
public final class RegistryExport {
  /** Manifest format of a push: as stored, OCI, or Docker schema 2. */
  public enum ManifestFormat {
    stored,
    oci,
    docker
  }

  private RegistryExport() {}

  /**
   * Pushes {@code manifestDigest} in the stored format; see {@link #push(LocalStore, Digest, List,
   * RegistryOptions, ManifestFormat, Compression, PrintWriter)}.
   */
  public static Descriptor push(
      LocalStore store,
      Digest manifestDigest,
      List<String> names,
      RegistryOptions opts,
      Compression compression,
      PrintWriter progress)
      throws IOException {
    return push(store, manifestDigest, names, opts, ManifestFormat.stored, compression, progress);
  }

  /**
   * Pushes the image whose manifest is {@code manifestDigest} to every one of {@code names}, its
   * uncompressed layers compressed as {@code compression} says (once: the store remembers the
   * result); returns the descriptor of the manifest the registry now holds (different from {@code
   * manifestDigest} when layers were compressed or the format converted). Registry failures surface
   * as one-line {@link UserError}s.
   */
  public static Descriptor push(
      LocalStore store,
      Digest manifestDigest,
      List<String> names,
      RegistryOptions opts,
      ManifestFormat format,
      Compression compression,
      PrintWriter progress)
      throws IOException {
    List<ImageReference> targets = new ArrayList<>();
    for (String n : names) {
      targets.add(ImageReference.parse(n)); // every name valid before anything is sent
    }
    ExportCompression export = new ExportCompression(store, compression);
    ManifestDocument doc = store.manifestDocument(manifestDigest);
    Descriptor pushed;
    try (RegistryClient client = RegistryClient.create(opts)) {
      if (doc instanceof ImageIndex index) {
        pushed = pushIndex(client, store, manifestDigest, index, targets, format, export, progress);
      } else {
        PushImage image = image(store, manifestDigest, format, export);
        for (ImageReference t : targets) {
          progress.println("Pushing " + t);
          progress.flush();
          client.push(t, image, new TransferProgress(progress));
        }
        pushed = descriptor(image.manifest());
      }
    } catch (RegistryException e) {
      throw new UserError(String.valueOf(e.getMessage()), e);
    }
    progress.println("Writing manifest " + pushed.digest());
    progress.flush();
    return pushed;
  }

  // A multi-platform image: every platform's manifest by digest, then the index under the tag.
  private static Descriptor pushIndex(
      RegistryClient client,
      LocalStore store,
      Digest digest,
      ImageIndex index,
      List<ImageReference> targets,
      ManifestFormat format,
      ExportCompression export,
      PrintWriter progress)
      throws IOException {
    if (format != ManifestFormat.stored) {
      throw new UserError(
          "image " + digest + " is a multi-platform index: it can only be pushed as stored");
    }
    List<PushImage> images = new ArrayList<>();
    List<Descriptor> children = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (!store.hasBlob(d.digest())) {
        throw new UserError(
            "manifest " + d.digest() + " of index " + digest + " is not in the local store");
      }
      PushImage image = image(store, d.digest(), ManifestFormat.stored, export);
      images.add(image);
      ManifestBlob m = image.manifest();
      children.add(
          new Descriptor(
              d.mediaType(),
              Digest.parse(m.digest()),
              m.bytes().length,
              d.urls(),
              d.annotations(),
              d.platform(),
              d.artifactType()));
    }
    String mt = index.mediaType() == null ? MediaTypes.OCI_INDEX : index.mediaType();
    ManifestBlob blob =
        children.equals(index.manifests())
            ? new ManifestBlob(mt, digest.toString(), store.readBlob(digest))
            : ManifestBlob.of(mt, index.withManifests(children).toJson());
    for (ImageReference t : targets) {
      progress.println("Pushing " + t + " (" + images.size() + " platforms)");
      progress.flush();
      client.pushIndex(t, blob, images, new TransferProgress(progress));
    }
    return descriptor(blob);
  }

  static PushImage image(
      LocalStore store, Digest manifestDigest, ManifestFormat format, ExportCompression export)
      throws IOException {
    Image exported = export.image(StoreImage.of(store, manifestDigest));
    ImageManifest m = exported.manifest();
    ManifestBlob blob;
    String stored = m.mediaType() == null ? MediaTypes.OCI_MANIFEST : m.mediaType();
    boolean docker = format == ManifestFormat.docker;
    if (format == ManifestFormat.stored || docker == m.isDocker()) {
      byte[] raw = exported.rawManifest();
      blob = new ManifestBlob(stored, Digests.sha256(raw).toString(), raw);
    } else {
      m = convert(m, docker);
      blob =
          ManifestBlob.of(
              docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST, m.toJson());
    }
    List<BlobSource> blobs = new ArrayList<>();
    blobs.add(source(store, m.config()));
    for (Descriptor l : m.layers()) {
      blobs.add(source(store, l));
    }
    return new PushImage(blob, blobs);
  }

  private static Descriptor descriptor(ManifestBlob m) {
    return Descriptor.of(m.mediaType(), Digest.parse(m.digest()), m.bytes().length);
  }

  private static ImageManifest convert(ImageManifest m, boolean docker) {
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor l : m.layers()) {
      if (!MediaTypes.isLayer(l.mediaType())) {
        throw new UserError(
            "cannot convert layer "
                + l.digest()
                + " of type "
                + l.mediaType()
                + " to the "
                + (docker ? "docker" : "oci")
                + " format: push it with --format stored");
      }
      if (docker && MediaTypes.isZstdLayer(l.mediaType())) {
        throw new UserError(
            "layer "
                + l.digest()
                + " is zstd-compressed, which the docker format does not allow:"
                + " push with --format oci");
      }
      layers.add(l.withMediaType(Compression.ofMediaType(l.mediaType()).mediaType(docker)));
    }
    String configType = docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
    String manifestType = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    return m.withMediaType(manifestType)
        .withConfig(m.config().withMediaType(configType))
        .withLayers(layers);
  }

  private static BlobSource source(LocalStore store, Descriptor d) throws IOException {
    if (!store.hasBlob(d.digest())) {
      throw new UserError(
          "blob "
              + d.digest()
              + " of this image is missing from the local store (pruned or never pulled):"
              + " pull or build the image again");
    }
    return new StoreBlob(store, d.digest(), d.size());
  }

  /** A store blob as a push source; each open re-reads and re-verifies it. */
  private record StoreBlob(LocalStore store, Digest d, long size) implements BlobSource {
    @Override
    public String digest() {
      return d.toString();
    }

    @Override
    public InputStream open() throws IOException {
      return store.openBlob(d);
    }

    @Override
    public @Nullable ImageReference mountSource() {
      return null;
    }
  }
}
