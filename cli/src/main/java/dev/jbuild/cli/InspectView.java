package dev.jbuild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageJson;
import dev.jbuild.registry.ImageReference;
import java.io.IOException;
import java.time.Instant;

/**
 * What {@code jbuild inspect} shows for an image: docker's field names (Id, RepoTags, Created,
 * Config, RootFS, …) plus the manifest, as one JSON tree that templates can walk.
 */
final class InspectView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InspectView() {}

  static ObjectNode of(StoredImage image) throws IOException {
    ImageConfig c = image.config();
    ObjectNode o = JSON.createObjectNode();
    o.put("Id", image.id().toString());
    o.put("Digest", image.manifestDigest().toString());
    ArrayNode tags = o.putArray("RepoTags");
    ArrayNode digests = o.putArray("RepoDigests");
    for (String n : image.names()) {
      tags.add(n);
      digests.add(ImageReference.parse(n).name() + "@" + image.manifestDigest());
    }
    Instant created = c.created();
    o.put("Created", created == null ? null : created.toString());
    o.put("Author", c.author() == null ? "" : c.author());
    o.put("Architecture", c.architecture());
    o.put("Os", c.os());
    if (c.variant() != null) {
      o.put("Variant", c.variant());
    }
    o.put("Size", image.size());
    o.set("Config", tree(c.config()));
    ObjectNode rootfs = o.putObject("RootFS");
    rootfs.put("Type", c.rootfs().type());
    ArrayNode layers = rootfs.putArray("Layers");
    for (Digest d : c.rootfs().diffIds()) {
      layers.add(d.toString());
    }
    o.set("History", c.history() == null ? JSON.createArrayNode() : tree(c.history()));
    o.put("ManifestType", image.manifest().mediaType());
    o.set("Manifest", tree(image.manifest()));
    return o;
  }

  /** The value as the canonical JSON the store writes, so field names match the documents. */
  static JsonNode tree(Object value) throws IOException {
    return JSON.readTree(ImageJson.canonicalBytes(value));
  }

  static String pretty(JsonNode node) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
