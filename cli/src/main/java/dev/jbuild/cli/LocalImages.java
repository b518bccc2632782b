package dev.jbuild.cli;

import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.registry.ImageReference;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreMaintenance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds images in the local store by what users type: a name ({@code app:1} is {@code
 * docker.io/library/app:1}), a full or abbreviated image ID (config digest), or a manifest digest.
 */
final class LocalImages {
  private static final Pattern HEX_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{3,64}");
  private final LocalStore store;

  LocalImages(LocalStore store) {
    this.store = store;
  }

  /** The store's key for a user-typed name. */
  static String normalize(String name) {
    return ImageReference.parse(name).toString();
  }

  /** Every image, grouped by manifest, in name order. */
  List<StoredImage> all() throws IOException {
    Map<Digest, List<String>> byManifest = new LinkedHashMap<>();
    store.images().forEach((n, d) -> byManifest.computeIfAbsent(d, k -> new ArrayList<>()).add(n));
    List<StoredImage> out = new ArrayList<>();
    for (Map.Entry<Digest, List<String>> e : byManifest.entrySet()) {
      out.add(StoredImage.load(store, e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The image {@code text} names; fails with a one-line error when there is none or several. */
  StoredImage find(String text) throws IOException {
    Map<String, Digest> images = store.images();
    Digest byName = nameLookup(images, text);
    if (byName != null) {
      return StoredImage.load(store, byName, namesOf(images, byName));
    }
    if (HEX_PREFIX.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      List<StoredImage> matches = byId(text.toLowerCase(Locale.ROOT));
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new UserError(
            "image ID prefix \"" + text + "\" is ambiguous: type more of it or use a name");
      }
    }
    throw unknown(text);
  }

  UserError unknown(String text) {
    return new UserError(
        "no image \""
            + text
            + "\" in the local store "
            + store.root()
            + ": run `jbuild images` to list them");
  }

  private static @org.jspecify.annotations.Nullable Digest nameLookup(
      Map<String, Digest> images, String text) {
    Digest direct = images.get(text);
    if (direct != null) {
      return direct;
    }
    try {
      return images.get(normalize(text));
    } catch (IllegalArgumentException e) {
      return null; // not a name; maybe an ID
    }
  }

  static List<String> namesOf(Map<String, Digest> images, Digest manifest) {
    List<String> names = new ArrayList<>();
    images.forEach(
        (n, d) -> {
          if (d.equals(manifest)) {
            names.add(n);
          }
        });
    return names;
  }

  /** Untagged images (loaded without a name, or replaced by a newer build of their tag). */
  List<StoredImage> untagged() throws IOException {
    List<StoredImage> out = new ArrayList<>();
    for (Digest d : new StoreMaintenance(store).untaggedManifests()) {
      try {
        out.add(StoredImage.load(store, d, List.of()));
      } catch (ImageFormatException | StoreException | UserError e) {
        // an index child or a foreign document: not listed on its own
      }
    }
    return out;
  }

  // Named images first; untagged ones only when no named image matches.
  private List<StoredImage> byId(String text) throws IOException {
    String hex = text.startsWith("sha256:") ? text.substring(7) : text;
    List<StoredImage> matches = matching(all(), hex);
    return matches.isEmpty() ? matching(untagged(), hex) : matches;
  }

  private static List<StoredImage> matching(List<StoredImage> images, String hex) {
    List<StoredImage> matches = new ArrayList<>();
    for (StoredImage i : images) {
      if (i.id().hex().startsWith(hex) || i.manifestDigest().hex().startsWith(hex)) {
        matches.add(i);
      }
    }
    return matches;
  }
}
