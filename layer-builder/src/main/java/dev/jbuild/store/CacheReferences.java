package dev.jbuild.store;

import dev.jbuild.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code cache/} without knowing its format: every file is an entry, and every {@code
 * sha256:<hex>} in it is a blob or layer the entry needs. Conservative by design, so the cache
 * format can change without prune deleting what a cache hit would use.
 */
final class CacheReferences {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final long MAX_ENTRY_BYTES = 16L << 20;

  private CacheReferences() {}

  static List<Path> files(Path cacheDir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(cacheDir)) {
      return out;
    }
    Files.walkFileTree(
        cacheDir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (a.isRegularFile()) {
              out.add(f);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(null);
    return out;
  }

  static Set<Digest> digests(Path entry) throws IOException {
    Set<Digest> out = new LinkedHashSet<>();
    if (Files.size(entry) > MAX_ENTRY_BYTES) {
      return out;
    }
    String text = new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1);
    Matcher m = DIGEST.matcher(text);
    while (m.find()) {
      out.add(Digest.parse(m.group()));
    }
    return out;
  }
}
