package dev.jbuild.registry.testkit;

import dev.jbuild.registry.BlobSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A {@code blobs/sha256/<hex>} directory as a pull destination that re-checks every digest it is
 * given, and records what it accepted.
 */
public final class DirectorySink implements BlobSink {
  private final Path root;
  private final Path tmp;
  private final List<String> accepted = new CopyOnWriteArrayList<>();

  public DirectorySink(Path root) throws IOException {
    this.root = Files.createDirectories(root.resolve("blobs/sha256"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
  }

  public Path blob(String digest) {
    return root.resolve(digest.substring("sha256:".length()));
  }

  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  /** Files left in the temp directory (should be none after any pull, failed or not). */
  public List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    }
  }

  /** Digests of all stored blobs, each re-hashed from disk. */
  public List<String> verifiedContents() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(DirectorySink::rehash).sorted().toList();
    }
  }

  private static String rehash(Path p) {
    try {
      String actual =
          "sha256:" + HexFormat.of().formatHex(RandomImage.sha256().digest(Files.readAllBytes(p)));
      if (!actual.equals("sha256:" + p.getFileName())) {
        throw new IllegalStateException("corrupt blob in sink: " + p);
      }
      return actual;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean has(String digest) {
    return Files.exists(blob(digest));
  }

  @Override
  public Path tempDirectory() {
    return tmp;
  }

  @Override
  public void accept(String digest, Path verifiedFile) throws IOException {
    Files.move(verifiedFile, blob(digest), StandardCopyOption.REPLACE_EXISTING);
    accepted.add(digest);
  }
}
