package dev.jbuild.oci;

import dev.jbuild.image.Annotations;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes images into an OCI image layout directory or an oci-archive. The result appears at the
 * destination only when complete; on failure nothing is left there (a previous layout at a
 * directory destination stays as it was). Images already in a destination layout under other names
 * are kept.
 */
public final class OciLayoutWriter {
  static final byte[] OCI_LAYOUT =
      "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private OciLayoutWriter() {}

  /** Writes (or updates) the layout directory {@code dest}. */
  public static void writeLayout(Path dest, List<NamedImage> images) throws IOException {
    try (AtomicOutput out = new AtomicOutput(dest)) {
      List<Descriptor> kept = new ArrayList<>();
      if (Files.isRegularFile(dest.resolve("oci-layout"))) {
        kept = keepExisting(dest, out.path(), images);
      }
      writeInto(out.path(), images, kept);
      out.commit();
    }
  }

  /** Writes {@code dest} as an oci-archive: a tar of a layout holding {@code images}. */
  public static void writeArchive(Path dest, List<NamedImage> images) throws IOException {
    try (AtomicOutput dir = new AtomicOutput(dest.resolveSibling(dest.getFileName() + ".d"));
        AtomicOutput file = new AtomicOutput(dest)) {
      writeInto(dir.path(), images, List.of());
      DirTar.write(dir.path(), file.path());
      file.commit();
    }
  }

  private static List<Descriptor> keepExisting(Path dest, Path tmp, List<NamedImage> images)
      throws IOException {
    Set<String> replaced = new HashSet<>();
    images.forEach(i -> replaced.add(i.name()));
    Path blobs = tmp.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    try (var existing = Files.list(dest.resolve("blobs/sha256"))) {
      for (Path b : (Iterable<Path>) existing::iterator) {
        linkOrCopy(b, blobs.resolve(b.getFileName().toString()));
      }
    }
    List<Descriptor> kept = new ArrayList<>();
    try (OciLayout old = OciLayout.open(dest)) {
      for (Descriptor d : old.index().manifests()) {
        if (!replaced.contains(d.annotation(Annotations.REF_NAME))) {
          kept.add(d);
        }
      }
    }
    return kept;
  }

  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  static void writeInto(Path dir, List<NamedImage> images, List<Descriptor> kept)
      throws IOException {
    Path blobs = dir.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    List<Descriptor> manifests = new ArrayList<>(kept);
    for (NamedImage n : images) {
      Descriptor md = writeImage(blobs, n.image());
      manifests.add(
          md.withPlatform(n.image().config().platform())
              .withAnnotation(Annotations.REF_NAME, n.name()));
    }
    ImageIndex index = ImageIndex.of(MediaTypes.OCI_INDEX, manifests);
    Files.write(dir.resolve("oci-layout"), OCI_LAYOUT);
    Files.write(dir.resolve("index.json"), index.toJson());
  }

  /** Copies config, layers and manifest blobs (verified); returns the manifest descriptor. */
  static Descriptor writeImage(Path blobs, Image image) throws IOException {
    ImageManifest m = image.manifest();
    copyBlob(blobs, image, m.config());
    for (Descriptor l : m.layers()) {
      copyBlob(blobs, image, l);
    }
    Descriptor md = image.manifestDescriptor();
    Path p = blobs.resolve(md.digest().hex());
    if (!Files.exists(p)) {
      Files.write(p, image.rawManifest());
    }
    return md;
  }

  private static void copyBlob(Path blobs, Image image, Descriptor d) throws IOException {
    Path p = blobs.resolve(d.digest().hex());
    if (Files.exists(p)) {
      return;
    }
    Path part = blobs.resolve(d.digest().hex() + ".part");
    try (InputStream in = image.openBlob(d)) {
      Files.copy(in, part);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Files.move(part, p);
  }
}
