package dev.jbuild.oci;

import dev.jbuild.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A temp sibling of a destination that replaces it on {@link #commit}, or vanishes. */
final class AtomicOutput implements AutoCloseable {
  private final Path dest;
  private final Path tmp;
  private boolean committed;

  AtomicOutput(Path dest) throws IOException {
    this.dest = dest.toAbsolutePath();
    Path parent = java.util.Objects.requireNonNull(this.dest.getParent());
    Files.createDirectories(parent);
    this.tmp = parent.resolve("." + this.dest.getFileName() + ".tmp-" + UUID.randomUUID());
  }

  /** Where to write (does not exist yet). */
  Path path() {
    return tmp;
  }

  /** Moves the finished output over the destination (a previous one is removed). */
  void commit() throws IOException {
    if (Files.isDirectory(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Path trash = dest.resolveSibling("." + dest.getFileName() + ".old-" + UUID.randomUUID());
      Files.move(dest, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, dest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.deleteTree(trash);
    } else {
      AtomicFiles.move(tmp, dest, true);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      AtomicFiles.deleteTree(tmp);
    }
  }
}
