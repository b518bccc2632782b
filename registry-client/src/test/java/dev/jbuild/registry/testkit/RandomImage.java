package dev.jbuild.registry.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.registry.BlobSource;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.registry.ManifestBlob;
import dev.jbuild.registry.PushImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real, valid image of random content: gzip tar layers (one random file each), a config whose
 * diff_ids match, and an OCI or Docker v2 manifest; blobs are files under {@code dir}.
 */
public final class RandomImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RandomImage() {}

  /** The image and its blobs (config first, then layers). */
  public record Built(PushImage image, ManifestBlob manifest, List<FileBlob> blobs) {
    public FileBlob config() {
      return blobs.get(0);
    }

    public List<FileBlob> layers() {
      return blobs.subList(1, blobs.size());
    }

    /** The same image whose blobs say they can be mounted from {@code source}. */
    public PushImage mountableFrom(ImageReference source) {
      List<BlobSource> mountable = new ArrayList<>();
      blobs.forEach(b -> mountable.add(b.withMountSource(source)));
      return new PushImage(manifest, mountable);
    }
  }

  public static Built create(Path dir, int layers, int bytesPerLayer, long seed, boolean oci)
      throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    List<FileBlob> layerBlobs = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      Path tmp = dir.resolve("layer-" + i + ".tmp");
      diffIds.add(writeLayer(tmp, "file-" + i + ".bin", bytesPerLayer, random));
      layerBlobs.add(store(dir, tmp));
    }
    FileBlob config = store(dir, config(diffIds, dir.resolve("config.tmp")));
    String layerType =
        oci
            ? "application/vnd.oci.image.layer.v1.tar+gzip"
            : "application/vnd.docker.image.rootfs.diff.tar.gzip";
    String configType =
        oci
            ? "application/vnd.oci.image.config.v1+json"
            : "application/vnd.docker.container.image.v1+json";
    String manifestType =
        oci
            ? "application/vnd.oci.image.manifest.v1+json"
            : "application/vnd.docker.distribution.manifest.v2+json";
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", manifestType);
    m.set("config", descriptor(configType, config));
    ArrayNode ls = m.putArray("layers");
    layerBlobs.forEach(l -> ls.add(descriptor(layerType, l)));
    ManifestBlob manifest = ManifestBlob.of(manifestType, JSON.writeValueAsBytes(m));
    List<FileBlob> all = new ArrayList<>();
    all.add(config);
    all.addAll(layerBlobs);
    return new Built(new PushImage(manifest, List.copyOf(all)), manifest, all);
  }

  /** An OCI index over {@code images}, each marked linux/{@code arches[i]}. */
  public static ManifestBlob index(List<Built> images, List<String> arches) throws IOException {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode ms = idx.putArray("manifests");
    for (int i = 0; i < images.size(); i++) {
      ManifestBlob m = images.get(i).manifest();
      ObjectNode d = ms.addObject();
      d.put("mediaType", m.mediaType());
      d.put("digest", m.digest());
      d.put("size", m.bytes().length);
      ObjectNode p = d.putObject("platform");
      p.put("os", "linux");
      p.put("architecture", arches.get(i));
    }
    return ManifestBlob.of("application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(idx));
  }

  private static ObjectNode descriptor(String mediaType, FileBlob blob) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", blob.digest());
    d.put("size", blob.size());
    return d;
  }

  private static String writeLayer(Path file, String name, int size, Random random)
      throws IOException {
    MessageDigest diff = sha256();
    try (OutputStream out = Files.newOutputStream(file);
        GZIPOutputStream gz = new FastGzip(out);
        DigestOutputStream tarDigest = new DigestOutputStream(gz, diff);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(tarDigest)) {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(size);
      e.setMode(0644);
      e.setModTime(0);
      tar.putArchiveEntry(e);
      byte[] buf = new byte[1 << 16];
      for (int left = size; left > 0; ) {
        random.nextBytes(buf);
        int n = Math.min(left, buf.length);
        tar.write(buf, 0, n);
        left -= n;
      }
      tar.closeArchiveEntry();
      tar.finish();
    }
    return "sha256:" + HexFormat.of().formatHex(diff.digest());
  }

  private static Path config(List<String> diffIds, Path file) throws IOException {
    ObjectNode c = JSON.createObjectNode();
    c.put("architecture", "amd64");
    c.put("os", "linux");
    c.put("created", "1970-01-01T00:00:00Z");
    c.putObject("config").putArray("Cmd").add("/bin/sh");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(ids::add);
    Files.write(file, JSON.writeValueAsBytes(c));
    return file;
  }

  private static FileBlob store(Path dir, Path tmp) throws IOException {
    MessageDigest md = sha256();
    try (var in = Files.newInputStream(tmp)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    String hex = HexFormat.of().formatHex(md.digest());
    Path target = Files.createDirectories(dir.resolve("blobs/sha256")).resolve(hex);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new FileBlob("sha256:" + hex, Files.size(target), target, null);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random data does not compress; level 1 keeps generating big test images cheap. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
