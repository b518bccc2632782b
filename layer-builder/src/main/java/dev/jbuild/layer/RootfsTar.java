package dev.jbuild.layer;

import dev.jbuild.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Writes a whole root filesystem directory as one tar ({@code --output type=tar}). */
public final class RootfsTar {
  private RootfsTar() {}

  /**
   * Tars {@code root} into {@code dest} (replaced atomically; nothing left on failure), owners from
   * {@code owners}' records when it records, times clamped to {@code sourceDateEpoch}. Returns the
   * tar's sha256.
   */
  public static Digest write(
      Path root, Path dest, FileOwnership owners, @Nullable Instant sourceDateEpoch)
      throws IOException {
    LayerBuilder b = ChangeSets.fromTree(root, owners).clampTimes(sourceDateEpoch);
    Path abs = dest.toAbsolutePath();
    Path dir = Objects.requireNonNull(abs.getParent());
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Digest d;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        d = b.writeTar(out);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return d;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
