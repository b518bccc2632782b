package dev.jbuild.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The few fields of a manifest or index the transfer needs (referenced digests and sizes,
 * platforms), read from the exact bytes that were verified.
 */
final class ManifestJson {

  private ManifestJson() {}

  /** A parsed manifest or index: its top-level members. */
  record Tree(Map<String, @Nullable Object> members) {
    boolean has(String key) {
      return members.containsKey(key);
    }
  }

  /** An index entry's platform; empty strings for members it does not give. */
  record PlatformFields(String os, String architecture, String variant) {}

  /** A referenced blob or manifest. */
  record Ref(String mediaType, String digest, long size, @Nullable PlatformFields platform) {}

  static String mediaType(byte[] bytes) {
    try {
      return JsonValues.text(JsonValues.parseObject(bytes), "mediaType", "");
    } catch (IOException e) {
      return "";
    }
  }

  static Tree tree(byte[] bytes, String where) {
    Map<String, @Nullable Object> node;
    try {
      node = JsonValues.parseObject(bytes);
    } catch (IOException e) {
      throw new RegistryException(where + "manifest is not valid JSON: " + e.getMessage(), e);
    }
    if (node == null) {
      throw new RegistryException(where + "manifest is not a JSON object");
    }
    if (JsonValues.number(node, "schemaVersion", 0) == 1) {
      throw new RegistryException(
          where + "schema 1 manifests are not supported; re-push the image with a current tool");
    }
    return new Tree(node);
  }

  static Ref config(Tree manifest, String where) {
    return ref(manifest.members().get("config"), where + "config: ");
  }

  static List<Ref> layers(Tree manifest, String where) {
    List<Ref> refs = new ArrayList<>();
    for (Object layer : JsonValues.array(manifest.members(), "layers")) {
      refs.add(ref(layer, where + "layer: "));
    }
    return refs;
  }

  static List<Ref> manifests(Tree index, String where) {
    List<Ref> refs = new ArrayList<>();
    for (Object m : JsonValues.array(index.members(), "manifests")) {
      refs.add(ref(m, where + "index entry: "));
    }
    return refs;
  }

  private static Ref ref(@Nullable Object value, String where) {
    Map<String, @Nullable Object> node = JsonValues.object(value);
    String digest = JsonValues.text(node, "digest", "");
    long size = JsonValues.number(node, "size", -1);
    if (!digest.matches("sha256:[0-9a-f]{64}") || size < 0) {
      throw new RegistryException(where + "missing or invalid digest/size");
    }
    Map<String, @Nullable Object> p = JsonValues.object(node, "platform");
    PlatformFields platform =
        p == null
            ? null
            : new PlatformFields(
                JsonValues.text(p, "os", ""),
                JsonValues.text(p, "architecture", ""),
                JsonValues.text(p, "variant", ""));
    return new Ref(JsonValues.text(node, "mediaType", ""), digest, size, platform);
  }
}
