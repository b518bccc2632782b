package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The few fields of a manifest or index the transfer needs (referenced digests and sizes,
 * platforms), read from the exact bytes that were verified.
 */
final class ManifestJson {

  private ManifestJson() {}

  /** A referenced blob or manifest. */
  record Ref(String mediaType, String digest, long size, @Nullable JsonNode platform) {}

  static String mediaType(byte[] bytes) {
    try {
      return JsonMapper.get().readTree(bytes).path("mediaType").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  static JsonNode tree(byte[] bytes, String where) {
    try {
      JsonNode node = JsonMapper.get().readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new RegistryException(where + "manifest is not a JSON object");
      }
      if (node.path("schemaVersion").asInt() == 1) {
        throw new RegistryException(
            where + "schema 1 manifests are not supported; re-push the image with a current tool");
      }
      return node;
    } catch (IOException e) {
      throw new RegistryException(where + "manifest is not valid JSON: " + e.getMessage(), e);
    }
  }

  static Ref config(JsonNode manifest, String where) {
    return ref(manifest.path("config"), where + "config: ");
  }

  static List<Ref> layers(JsonNode manifest, String where) {
    List<Ref> refs = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      refs.add(ref(layer, where + "layer: "));
    }
    return refs;
  }

  static List<Ref> manifests(JsonNode index, String where) {
    List<Ref> refs = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      refs.add(ref(m, where + "index entry: "));
    }
    return refs;
  }

  private static Ref ref(JsonNode node, String where) {
    String digest = node.path("digest").asText("");
    long size = node.path("size").asLong(-1);
    if (!digest.matches("sha256:[0-9a-f]{64}") || size < 0) {
      throw new RegistryException(where + "missing or invalid digest/size");
    }
    JsonNode platform = node.get("platform");
    return new Ref(node.path("mediaType").asText(""), digest, size, platform);
  }
}
