package dev.jbuild.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Checks image outputs without using jbuild's own model or readers: every blob's sha256 and size,
 * manifest ↔ config media types, config diff_ids ↔ the uncompressed layers. Archives are unpacked
 * with the system {@code tar}. Throws {@link AssertionError} listing every problem.
 */
public final class ImageValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> problems = new ArrayList<>();

  private ImageValidator() {}

  /** Validates an OCI image layout directory; returns the number of images checked. */
  public static int validateLayout(Path dir) throws IOException {
    ImageValidator v = new ImageValidator();
    int n = v.layout(dir);
    v.done(dir);
    return n;
  }

  public static int validateOciArchive(Path tar) throws IOException {
    Path dir = Files.createTempDirectory("validate-oci");
    try {
      Tools.run("tar", "-xf", tar.toString(), "-C", dir.toString());
      ImageValidator v = new ImageValidator();
      int n = v.layout(dir);
      v.done(tar);
      return n;
    } finally {
      Tools.run("rm", "-rf", dir.toString());
    }
  }

  public static int validateDockerArchive(Path tar) throws IOException {
    Path dir = Files.createTempDirectory("validate-docker");
    try {
      Tools.run("tar", "-xf", tar.toString(), "-C", dir.toString());
      ImageValidator v = new ImageValidator();
      int n = v.dockerArchive(dir);
      v.done(tar);
      return n;
    } finally {
      Tools.run("rm", "-rf", dir.toString());
    }
  }

  private void done(Path what) {
    if (!problems.isEmpty()) {
      throw new AssertionError(what + " is invalid:\n  " + String.join("\n  ", problems));
    }
  }

  private int layout(Path dir) throws IOException {
    JsonNode layout = JSON.readTree(dir.resolve("oci-layout").toFile());
    check("1.0.0".equals(layout.path("imageLayoutVersion").asText()), "oci-layout version");
    JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
    check(index.path("schemaVersion").asInt() == 2, "index.json schemaVersion != 2");
    int n = 0;
    for (JsonNode d : index.path("manifests")) {
      n += manifestOrIndex(dir, d);
    }
    return n;
  }

  private int manifestOrIndex(Path dir, JsonNode desc) throws IOException {
    byte[] bytes = blob(dir, desc);
    if (bytes == null) {
      return 0;
    }
    JsonNode doc = JSON.readTree(bytes);
    String mt = desc.path("mediaType").asText();
    check(
        mt.equals(doc.path("mediaType").asText(mt)),
        "descriptor media type " + mt + " != document's " + doc.path("mediaType").asText());
    if (doc.has("manifests")) {
      int n = 0;
      for (JsonNode d : doc.path("manifests")) {
        n += manifestOrIndex(dir, d);
      }
      return n;
    }
    boolean docker = mt.contains("docker");
    JsonNode cfgDesc = doc.path("config");
    String cfgType = cfgDesc.path("mediaType").asText();
    check(
        cfgType.equals(
            docker
                ? "application/vnd.docker.container.image.v1+json"
                : "application/vnd.oci.image.config.v1+json"),
        "config media type " + cfgType + " in a " + mt);
    byte[] cfgBytes = blob(dir, cfgDesc);
    if (cfgBytes == null) {
      return 1;
    }
    JsonNode config = JSON.readTree(cfgBytes);
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    JsonNode layers = doc.path("layers");
    check(
        diffIds.size() == layers.size(),
        "config has " + diffIds.size() + " diff_ids, manifest " + layers.size() + " layers");
    for (int i = 0; i < Math.min(diffIds.size(), layers.size()); i++) {
      JsonNode l = layers.get(i);
      String lt = l.path("mediaType").asText();
      check(docker == lt.contains("docker"), "layer media type " + lt + " in a " + mt);
      Path p = blobPath(dir, l);
      if (p != null && Files.exists(p)) {
        String diff = sha256(decompress(Files.newInputStream(p), lt));
        check(
            diffIds.get(i).asText().equals(diff),
            "layer " + i + " diffID " + diff + " != config's " + diffIds.get(i).asText());
      }
    }
    check(config.has("architecture") && config.has("os"), "config lacks architecture/os");
    return 1;
  }

  private int dockerArchive(Path dir) throws IOException {
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    for (JsonNode m : manifest) {
      String configName = m.path("Config").asText();
      Path cfg = dir.resolve(configName);
      String cfgDigest = sha256(Files.newInputStream(cfg));
      check(
          configName
              .replace(".json", "")
              .replace("blobs/sha256/", "")
              .equals(cfgDigest.substring(7)),
          "config file " + configName + " has digest " + cfgDigest);
      JsonNode diffIds = JSON.readTree(cfg.toFile()).path("rootfs").path("diff_ids");
      JsonNode layers = m.path("Layers");
      check(diffIds.size() == layers.size(), "Layers/diff_ids count differ for " + configName);
      for (int i = 0; i < Math.min(diffIds.size(), layers.size()); i++) {
        InputStream in =
            new BufferedInputStream(Files.newInputStream(dir.resolve(layers.get(i).asText())));
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        String type =
            head.length > 1 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b
                ? "gzip"
                : head.length > 3 && (head[0] & 0xff) == 0x28 ? "zstd" : "tar";
        String diff = sha256(decompress(in, type));
        check(diffIds.get(i).asText().equals(diff), "layer " + layers.get(i) + " diffID " + diff);
      }
    }
    return manifest.size();
  }

  private byte[] blob(Path dir, JsonNode desc) throws IOException {
    Path p = blobPath(dir, desc);
    if (p == null) {
      return null;
    }
    if (!Files.exists(p)) {
      problems.add("missing blob " + desc.path("digest").asText());
      return null;
    }
    byte[] bytes = Files.readAllBytes(p);
    check(bytes.length == desc.path("size").asLong(), "size of " + p.getFileName() + " wrong");
    return bytes;
  }

  private Path blobPath(Path dir, JsonNode desc) throws IOException {
    String digest = desc.path("digest").asText();
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      problems.add("bad digest " + digest);
      return null;
    }
    Path p = dir.resolve("blobs/sha256/" + digest.substring(7));
    if (Files.exists(p)) {
      String actual = sha256(Files.newInputStream(p));
      check(actual.equals(digest), "blob " + digest + " has content " + actual);
      check(Files.size(p) == desc.path("size").asLong(), "blob " + digest + " size mismatch");
    }
    return p;
  }

  private static InputStream decompress(InputStream in, String type) throws IOException {
    if (type.contains("gzip")) {
      return new GZIPInputStream(in);
    }
    if (type.contains("zstd")) {
      return new ZstdInputStream(in);
    }
    return in;
  }

  private static String sha256(InputStream in) throws IOException {
    try (in) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
