package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestMismatchException;
import dev.jbuild.image.ImageFormatException;
import dev.jbuild.image.ImageJson;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The blobs and unpacked layers reachable from a set of roots: manifests and indexes lead to their
 * children, configs to their layers' diffIDs. Unreadable or foreign documents are kept, not
 * followed.
 */
final class Reachable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_DOCUMENT_BYTES = 4L << 20;
  private final LocalStore store;
  private final Set<Digest> blobs = new HashSet<>();
  private final Set<Digest> diffIds = new HashSet<>();

  Reachable(LocalStore store) {
    this.store = store;
  }

  /** Keeps {@code root} and everything it references. */
  void addImage(Digest root) throws IOException {
    Deque<Digest> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Digest d = todo.poll();
      if (blobs.add(d)) {
        follow(d, todo);
      }
    }
  }

  /** Keeps digests named by a cache entry: they may be blobs, documents or diffIDs. */
  void addReferenced(Collection<Digest> digests) throws IOException {
    diffIds.addAll(digests);
    for (Digest d : digests) {
      addImage(d);
    }
  }

  Set<Digest> blobs() {
    return blobs;
  }

  Set<Digest> diffIds() {
    return diffIds;
  }

  private void follow(Digest d, Deque<Digest> todo) throws IOException {
    if (!store.hasBlob(d) || store.blobSize(d) > MAX_DOCUMENT_BYTES) {
      return;
    }
    JsonNode tree = jsonOrNull(d);
    if (tree == null || !tree.isObject()) {
      return;
    }
    try {
      if (tree.has("manifests") || tree.has("layers")) {
        byte[] bytes = store.readBlob(d);
        for (Descriptor c : StoreMaintenance.children(ImageJson.readManifestDocument(bytes))) {
          todo.add(c.digest());
        }
      } else if (tree.has("rootfs")) {
        diffIds.addAll(store.config(d).rootfs().diffIds());
      }
    } catch (ImageFormatException e) {
      // not one of our documents after all: kept, not followed
    }
  }

  private @org.jspecify.annotations.Nullable JsonNode jsonOrNull(Digest d) throws IOException {
    byte[] bytes;
    try {
      bytes = store.readBlob(d);
    } catch (DigestMismatchException e) {
      return null; // corrupt blob: keep it for inspection, follow nothing
    }
    if (bytes.length == 0 || bytes[0] != '{') {
      return null;
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }
}
