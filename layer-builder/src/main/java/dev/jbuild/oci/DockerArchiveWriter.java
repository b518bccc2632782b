package dev.jbuild.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a docker-archive ({@code docker save} format, what {@code docker load} and {@code podman
 * load} read): {@code <config hex>.json}, one tar per layer, {@code manifest.json} with {@code
 * Config}/{@code RepoTags}/{@code Layers}, and {@code repositories}. Layers are written
 * uncompressed ({@code <diffID hex>.tar}, as docker writes them) unless {@code compressed}, in
 * which case the stored blobs go in as they are ({@code <digest hex>.tar.gz}/{@code .tar.zst};
 * podman reads those, docker load reads gzip). Atomic: temp sibling, then rename.
 */
public final class DockerArchiveWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerArchiveWriter() {}

  public static void write(Path dest, List<NamedImage> images, boolean compressed)
      throws IOException {
    try (AtomicOutput scratch = new AtomicOutput(dest.resolveSibling(dest.getFileName() + ".d"));
        AtomicOutput out = new AtomicOutput(dest)) {
      Files.createDirectories(scratch.path());
      try (OutputStream file =
              new BufferedOutputStream(Files.newOutputStream(out.path()), 1 << 16);
          TarArchiveOutputStream tar =
              new TarArchiveOutputStream(file, 512, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        new Session(tar, scratch.path(), compressed).write(images);
        tar.finish();
      }
      out.commit();
    }
  }

  private static final class Session {
    private final TarArchiveOutputStream tar;
    private final Path scratch;
    private final boolean compressed;
    private final Set<String> written = new HashSet<>();

    Session(TarArchiveOutputStream tar, Path scratch, boolean compressed) {
      this.tar = tar;
      this.scratch = scratch;
      this.compressed = compressed;
    }

    void write(List<NamedImage> images) throws IOException {
      ArrayNode manifest = JSON.createArrayNode();
      Map<String, Map<String, String>> repositories = new TreeMap<>();
      for (NamedImage n : images) {
        Image image = n.image();
        byte[] config = image.rawConfig();
        String configHex = Digests.sha256(config).hex();
        String configName = configHex + ".json";
        if (written.add(configName)) {
          entry(configName, config);
        }
        ObjectNode m = manifest.addObject();
        m.put("Config", configName);
        ArrayNode tags = m.putArray("RepoTags");
        String tag = repoTag(n.name());
        if (tag != null) {
          tags.add(tag);
          int colon = tag.lastIndexOf(':');
          repositories
              .computeIfAbsent(tag.substring(0, colon), k -> new TreeMap<>())
              .put(tag.substring(colon + 1), configHex);
        }
        ArrayNode layers = m.putArray("Layers");
        for (Layer l : image.layers()) {
          layers.add(layer(l));
        }
      }
      entry("manifest.json", JSON.writeValueAsBytes(manifest));
      entry("repositories", JSON.writeValueAsBytes(repositories));
    }

    private String layer(Layer l) throws IOException {
      Descriptor d = l.descriptor();
      boolean asIs = compressed || !isCompressed(d.mediaType());
      String name =
          asIs && isCompressed(d.mediaType())
              ? d.digest().hex() + (d.mediaType().contains("zstd") ? ".tar.zst" : ".tar.gz")
              : l.diffId().hex() + ".tar";
      if (!written.add(name)) {
        return name;
      }
      if (asIs) {
        try (InputStream in = l.open()) {
          entry(name, d.size(), in);
        }
        return name;
      }
      Path tmp = Files.createTempFile(scratch, "layer-", ".tar");
      try {
        try (InputStream in = l.openUncompressed()) {
          Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (InputStream in = Files.newInputStream(tmp)) {
          entry(name, Files.size(tmp), in);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return name;
    }

    private void entry(String name, byte[] content) throws IOException {
      entry(name, content.length, new java.io.ByteArrayInputStream(content));
    }

    private void entry(String name, long size, InputStream content) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setMode(0644);
      e.setSize(size);
      e.setLastModifiedTime(FileTime.fromMillis(0));
      e.setUserName("");
      e.setGroupName("");
      tar.putArchiveEntry(e);
      long copied = content.transferTo(tar);
      if (copied != size) {
        throw new IOException(name + ": wrote " + copied + " bytes, expected " + size);
      }
      tar.closeArchiveEntry();
    }
  }

  private static boolean isCompressed(String mediaType) {
    return dev.jbuild.image.MediaTypes.isGzipLayer(mediaType)
        || dev.jbuild.image.MediaTypes.isZstdLayer(mediaType);
  }

  /** {@code name:tag} with {@code :latest} added; null for digest references. */
  static @org.jspecify.annotations.Nullable String repoTag(String name) {
    if (name.contains("@")) {
      return null;
    }
    int slash = name.lastIndexOf('/');
    return name.indexOf(':', slash + 1) >= 0 ? name : name + ":latest";
  }
}
