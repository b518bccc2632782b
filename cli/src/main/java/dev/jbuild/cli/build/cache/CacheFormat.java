package dev.jbuild.cli.build.cache;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.MediaTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * jbuild's shared build cache format, version 1, the same in a registry and in a local directory.
 *
 * <p>One OCI image manifest ({@code application/vnd.oci.image.manifest.v1+json}) with {@code
 * artifactType} {@value #MEDIA_TYPE}:
 *
 * <ul>
 *   <li>{@code config}: a blob of media type {@value #MEDIA_TYPE}, canonical JSON {@code
 *       {"schemaVersion":1,"entries":[...]}}; each entry has the shape of {@link
 *       CacheEntry#toJson()} ({@code key}, {@code created}, {@code config} = the stage's image
 *       config after the step, {@code layers} = its compressed layer descriptors, {@code cmdSet}),
 *       sorted by key, one per key.
 *   <li>{@code layers}: every distinct layer blob the entries reference, sorted by digest, each
 *       with its own layer media type and the annotation {@value #KEYS_ANNOTATION} = the
 *       comma-separated keys of the entries that use it (for readers that do not parse the config).
 * </ul>
 *
 * In a registry the manifest is pushed under the tag of {@code ref}. In a local directory it is an
 * OCI image layout: {@code oci-layout}, {@code blobs/sha256/<hex>}, and {@code index.json} whose
 * single entry is the manifest, annotated {@code org.opencontainers.image.ref.name} = {@value
 * #LAYOUT_REF}. The format is plain OCI so that distribution 2.8, skopeo and umoci accept it, and a
 * reader needs only the manifest and the config blob to know every key.
 */
final class CacheFormat {
  static final String MEDIA_TYPE = "application/vnd.jbuild.cache.v1+json";
  static final String KEYS_ANNOTATION = "dev.jbuild.cache.keys";
  static final String LAYOUT_REF = "latest";
  static final int VERSION = 1;
  static final long MAX_CONFIG = 64L << 20;
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  private CacheFormat() {}

  /** The export of {@code entries} (a later entry with the same key replaces an earlier one). */
  static CachePlan plan(List<CacheEntry> entries) {
    Map<String, CacheEntry> byKey = new TreeMap<>();
    for (CacheEntry e : entries) {
      if (!KEY.matcher(e.key()).matches()) {
        throw new IllegalArgumentException(
            "[internal error] cache key \"" + e.key() + "\" is not 64 lowercase hex digits");
      }
      byKey.put(e.key(), e);
    }
    Map<String, Descriptor> layers = new TreeMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    for (CacheEntry e : byKey.values()) {
      for (Descriptor l : e.layers()) {
        String d = l.digest().toString();
        layers.putIfAbsent(d, Descriptor.of(l.mediaType(), l.digest(), l.size()));
        List<String> users = keys.computeIfAbsent(d, x -> new ArrayList<>());
        if (!users.contains(e.key())) {
          users.add(e.key());
        }
      }
    }
    List<Descriptor> annotated = new ArrayList<>();
    Map<String, String> firstKey = new LinkedHashMap<>();
    layers.forEach(
        (d, l) -> {
          List<String> users = keys.getOrDefault(d, List.of());
          annotated.add(l.withAnnotation(KEYS_ANNOTATION, String.join(",", users)));
          firstKey.put(d, users.isEmpty() ? "" : users.get(0));
        });
    byte[] config =
        ImageJson.canonicalBytes(new CacheDocument(VERSION, new ArrayList<>(byKey.values())));
    Descriptor configDesc = Descriptor.of(MEDIA_TYPE, Digests.sha256(config), config.length);
    ImageManifest m =
        new ImageManifest(
            2, MediaTypes.OCI_MANIFEST, MEDIA_TYPE, configDesc, annotated, null, null);
    byte[] manifest = m.toJson();
    Descriptor manifestDesc =
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            Digests.sha256(manifest),
            manifest.length,
            null,
            null,
            null,
            MEDIA_TYPE);
    return new CachePlan(
        config, configDesc, manifest, manifestDesc, annotated, firstKey, byKey.size());
  }

  /**
   * The manifest of a cache, checked to be one; throws {@link ImageFormatException} naming {@code
   * where} otherwise.
   */
  static ImageManifest manifest(byte[] bytes, String where) {
    ImageManifest m;
    try {
      m = ImageJson.readManifest(bytes);
    } catch (ImageFormatException e) {
      throw new ImageFormatException(where + " is not a jbuild cache: " + e.getMessage(), e);
    }
    String type = m.config().mediaType();
    if (!MEDIA_TYPE.equals(type)) {
      throw new ImageFormatException(
          where
              + " is not a jbuild cache (its config has media type "
              + type
              + ", expected "
              + MEDIA_TYPE
              + ")");
    }
    if (m.config().size() > MAX_CONFIG) {
      throw new ImageFormatException(
          where + ": cache index of " + m.config().size() + " bytes is larger than allowed");
    }
    return m;
  }

  /**
   * The entries of a cache whose manifest is {@code m} and config blob {@code config}; every
   * entry's layers must be among the manifest's layers.
   */
  static Map<String, CacheEntry> entries(ImageManifest m, byte[] config, String where) {
    CacheDocument doc = ImageJson.read(config, CacheDocument.class, where + ": cache index");
    if (doc.schemaVersion() != VERSION) {
      throw new ImageFormatException(
          where
              + ": cache format version "
              + doc.schemaVersion()
              + " is not "
              + VERSION
              + " (written by another jbuild version)");
    }
    Map<String, Long> sizes = new HashMap<>();
    m.layers().forEach(l -> sizes.put(l.digest().toString(), l.size()));
    Map<String, CacheEntry> out = new LinkedHashMap<>();
    for (CacheEntry e : doc.entries()) {
      if (!KEY.matcher(e.key()).matches()) {
        throw new ImageFormatException(where + ": invalid cache key \"" + e.key() + "\"");
      }
      for (Descriptor l : e.layers()) {
        Long size = sizes.get(l.digest().toString());
        if (size == null || size != l.size()) {
          throw new ImageFormatException(
              where
                  + ": entry "
                  + e.key()
                  + " uses layer "
                  + l.digest()
                  + " that the cache manifest does not list");
        }
      }
      out.put(e.key(), e);
    }
    return out;
  }
}
