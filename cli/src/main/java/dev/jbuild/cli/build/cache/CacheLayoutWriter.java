package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Annotations;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageIndex;
import dev.jbuild.image.MediaTypes;
import dev.jbuild.store.LocalStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Fills a fresh directory with the OCI image layout of one {@link CachePlan}: every file fsynced,
 * each blob taken from the previous cache at {@code previous} (hard link, digest checked) or else
 * copied from the store (verified as read).
 */
final class CacheLayoutWriter {
  private static final byte[] OCI_LAYOUT =
      "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private final Path dir;
  private final Path blobs;
  private final Path previousBlobs;
  private final LocalStore store;
  private final String where;
  private int written;

  CacheLayoutWriter(Path dir, Path previous, LocalStore store, String where) {
    this.dir = dir;
    this.blobs = dir.resolve("blobs").resolve("sha256");
    this.previousBlobs = previous.resolve("blobs").resolve("sha256");
    this.store = store;
    this.where = where;
  }

  /** Writes the layout; returns how many blobs were written rather than linked. */
  int write(CachePlan plan) throws IOException {
    Files.createDirectories(blobs);
    for (Descriptor layer : plan.layers()) {
      if (!reuse(layer.digest(), layer.size())) {
        if (!store.hasBlob(layer.digest())) {
          throw CacheLocalExporter.missing(where, plan, layer);
        }
        try (InputStream in = store.openBlob(layer.digest())) {
          writeFile(blobs.resolve(layer.digest().hex()), in);
        }
        written++;
      }
    }
    putSmall(plan.configDescriptor(), plan.config());
    putSmall(plan.manifestDescriptor(), plan.manifest());
    Descriptor entry =
        plan.manifestDescriptor().withAnnotation(Annotations.REF_NAME, CacheFormat.LAYOUT_REF);
    byte[] index = ImageIndex.of(MediaTypes.OCI_INDEX, List.of(entry)).toJson();
    writeFile(dir.resolve("oci-layout"), new ByteArrayInputStream(OCI_LAYOUT));
    writeFile(dir.resolve("index.json"), new ByteArrayInputStream(index));
    fsyncDir(blobs);
    fsyncDir(dir);
    return written;
  }

  private void putSmall(Descriptor d, byte[] content) throws IOException {
    if (!reuse(d.digest(), d.size())) {
      writeFile(blobs.resolve(d.digest().hex()), new ByteArrayInputStream(content));
      written++;
    }
  }

  // Links the previous cache's copy of a blob when it is intact; false when there is none.
  private boolean reuse(Digest digest, long size) throws IOException {
    Path old = previousBlobs.resolve(digest.hex());
    if (!Files.isRegularFile(old)
        || Files.size(old) != size
        || !Digests.sha256(old).equals(digest)) {
      return false;
    }
    try {
      Files.createLink(blobs.resolve(digest.hex()), old);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // e.g. a file system without hard links: copy instead
    }
  }

  private static void writeFile(Path target, InputStream in) throws IOException {
    try (FileChannel ch =
            FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(ch)) {
      in.transferTo(out);
      ch.force(true);
    }
  }

  private static void fsyncDir(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems refuse fsync on directories; the rename that follows is still atomic
    }
  }
}
