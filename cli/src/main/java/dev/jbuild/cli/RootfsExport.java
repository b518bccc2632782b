package dev.jbuild.cli;

import dev.jbuild.cli.build.CopyTree;
import dev.jbuild.layer.ChangeSets;
import dev.jbuild.layer.FileOwnership;
import dev.jbuild.layer.LayerBuilder;
import dev.jbuild.layer.RootfsTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The local and tar outputs: the final stage's filesystem as a directory or a tar. Both appear at
 * their destination only when complete.
 */
final class RootfsExport {
  private RootfsExport() {}

  static void toDirectory(Path rootfs, Path dest) throws IOException {
    Path parent = dest.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dest.getFileName() + ".");
    try {
      CopyTree.copy(rootfs, tmp);
      if (Files.isDirectory(dest)) {
        // buildx merges into an existing directory; keep that, file by file.
        CopyTree.copy(tmp, dest);
        deleteTree(tmp);
      } else {
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** Writes the tree as a tar to {@code dest}, or to standard output when dest is null. */
  static void toTar(
      Path rootfs, @Nullable Path dest, FileOwnership owners, @Nullable Instant sourceDateEpoch)
      throws IOException {
    if (dest != null) {
      RootfsTar.write(rootfs, dest, owners, sourceDateEpoch);
      return;
    }
    LayerBuilder tar = ChangeSets.fromTree(rootfs, owners).clampTimes(sourceDateEpoch);
    tar.writeTar(System.out); // writeTar leaves the stream open
    System.out.flush();
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }
}
