package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.image.Digest;
import dev.jbuild.image.ImageFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which compressed blob was made from which uncompressed layer, so an export compresses a layer
 * once: {@code compressed/<hex of diffID>-<algorithm>} holds {@code {"digest":…,"size":…}} of a
 * blob in {@code blobs/}. A cache, not a reference: prune drops a mapping whose blob is gone, and a
 * mapping never keeps its blob alive. A mapping is trusted only while its blob exists with the
 * recorded size; readers of the blob verify its digest anyway.
 */
public final class CompressedCopies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+");
  private final LocalStore store;

  /** A compressed blob of the store. */
  public record Copy(Digest digest, long size) {}

  public CompressedCopies(LocalStore store) {
    this.store = store;
  }

  /**
   * The remembered copy of {@code diffId} compressed with {@code algorithm}, if its blob is still
   * in the store with the recorded size. Its time is refreshed, so a concurrent prune (which spares
   * files newer than the oldest running session) leaves it for the export about to read it.
   */
  public Optional<Copy> find(Digest diffId, String algorithm) throws IOException {
    Optional<Copy> copy = read(path(diffId, algorithm));
    if (copy.isEmpty()) {
      return Optional.empty();
    }
    Path blob = store.blobPath(copy.get().digest());
    if (!present(blob, copy.get().size())) {
      // blobs appear whole (by rename), so one of another size is damaged: make room for a new one
      Files.deleteIfExists(blob);
      return Optional.empty();
    }
    try {
      Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // not ours to touch (another user's store): the export still verifies what it reads
    }
    return copy;
  }

  /** Remembers that {@code copy} (already in the store) is {@code diffId} compressed. */
  public void remember(Digest diffId, String algorithm, Copy copy) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("digest", copy.digest().toString());
    json.put("size", copy.size());
    AtomicFiles.write(path(diffId, algorithm), JSON.writeValueAsBytes(json));
  }

  static Path dir(Path storeRoot) {
    return storeRoot.resolve("compressed");
  }

  private Path path(Digest diffId, String algorithm) {
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw new IllegalArgumentException("not a compression name: " + algorithm);
    }
    return dir(store.root()).resolve(diffId.hex() + "-" + algorithm);
  }

  /** The mapping in {@code file}; empty when it is missing or unreadable (a torn write). */
  static Optional<Copy> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      long size = n.path("size").asLong(-1);
      if (size < 0 || !n.path("digest").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new Copy(Digest.parse(n.path("digest").asText()), size));
    } catch (IOException | ImageFormatException e) {
      return Optional.empty();
    }
  }

  static boolean present(Path blob, long size) throws IOException {
    return Files.isRegularFile(blob) && Files.size(blob) == size;
  }
}
