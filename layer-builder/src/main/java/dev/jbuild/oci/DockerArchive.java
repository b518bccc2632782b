package dev.jbuild.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a docker-archive ({@code docker save} / {@code podman save} output) by random access. The
 * image gets a Docker schema 2 manifest made from the archive's files: each layer file is hashed
 * once (compressed or not, detected from its first bytes) to describe it.
 */
public final class DockerArchive implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EntrySource source;
  private final JsonNode manifest;

  private DockerArchive(EntrySource source, JsonNode manifest) {
    this.source = source;
    this.manifest = manifest;
  }

  public static DockerArchive open(Path file) throws IOException {
    EntrySource source = EntrySource.tar(file);
    try (InputStream in = source.open("manifest.json")) {
      if (in == null) {
        throw new ImageFormatException(
            file + " is not a docker-archive (no manifest.json); was it made by docker save?");
      }
      JsonNode m = JSON.readTree(in);
      if (m == null || !m.isArray() || m.isEmpty()) {
        throw new ImageFormatException(file + ": manifest.json lists no images");
      }
      return new DockerArchive(source, m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      source.close();
      throw new ImageFormatException(file + ": manifest.json is not valid JSON", e);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** RepoTags of all images, in archive order. */
  public List<String> tags() {
    List<String> out = new ArrayList<>();
    manifest.forEach(m -> m.path("RepoTags").forEach(t -> out.add(t.asText())));
    return out;
  }

  /** The image tagged {@code tag} (null: the first image). */
  public Image image(@Nullable String tag) throws IOException {
    for (JsonNode m : manifest) {
      boolean match = tag == null;
      for (JsonNode t : m.path("RepoTags")) {
        match |= t.asText().equals(tag) || t.asText().equals(tag + ":latest");
      }
      if (match) {
        return load(m);
      }
    }
    throw new ImageFormatException(
        "no image " + tag + " in " + source.describe() + " (tags: " + tags() + ")");
  }

  private Image load(JsonNode m) throws IOException {
    Map<Digest, String> files = new HashMap<>();
    String configName = m.path("Config").asText();
    Descriptor config = describe(configName, MediaTypes.DOCKER_CONFIG, files);
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : m.path("Layers")) {
      layers.add(describe(l.asText(), null, files));
    }
    byte[] raw = ImageManifest.of(MediaTypes.DOCKER_MANIFEST, config, layers).toJson();
    return new Image() {
      @Override
      public byte[] rawManifest() {
        return raw.clone();
      }

      @Override
      public InputStream openBlob(Descriptor blob) throws IOException {
        String name = files.get(blob.digest());
        if (name == null) {
          throw new ImageFormatException(blob.digest() + " is not part of this image");
        }
        return Digests.verifying(need(name), blob.digest(), blob.size());
      }
    };
  }

  private Descriptor describe(String name, @Nullable String mediaType, Map<Digest, String> files)
      throws IOException {
    byte[] head;
    Digest digest;
    long size;
    try (InputStream in = need(name)) {
      var digesting = Digests.digesting(in);
      head = digesting.readNBytes(4);
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
      digest = digesting.digest();
      size = digesting.size();
    }
    files.put(digest, name);
    String mt = mediaType != null ? mediaType : layerType(head);
    return Descriptor.of(mt, digest, size);
  }

  private static String layerType(byte[] head) {
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return MediaTypes.DOCKER_LAYER_GZIP;
    }
    if (head.length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return MediaTypes.DOCKER_LAYER_ZSTD;
    }
    return MediaTypes.DOCKER_LAYER;
  }

  private InputStream need(String name) throws IOException {
    InputStream in = source.open(name);
    if (in == null) {
      throw new ImageFormatException(
          source.describe() + ": manifest.json names " + name + ", which is not in the archive");
    }
    return in;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
