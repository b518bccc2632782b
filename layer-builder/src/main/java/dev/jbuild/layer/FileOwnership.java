package dev.jbuild.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How extraction sets file owners, chosen once at start-up and passed in (umoci's FsEval idea):
 * {@link #chown()} when the process can (root, or uid 0 of a user namespace with a subuid range),
 * otherwise {@link #recordOnly()}, which remembers the owners so a tar written from the tree later
 * still carries them.
 */
public interface FileOwnership {
  /** Sets (or records) the owner of {@code path}, never following a final symlink. */
  void apply(Path path, int uid, int gid) throws IOException;

  /** The owner recorded for {@code path}, if this implementation records. */
  default Optional<Owner> recorded(Path path) {
    return Optional.empty();
  }

  /** A uid:gid pair. */
  record Owner(int uid, int gid) {}

  /** Real lchown through {@code unix:uid}/{@code unix:gid}. */
  static FileOwnership chown() {
    return (path, uid, gid) -> {
      Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    };
  }

  /** Records owners in memory (keyed by absolute path) and leaves files owned by the caller. */
  static FileOwnership recordOnly() {
    Map<Path, Owner> owners = new ConcurrentHashMap<>();
    return new FileOwnership() {
      @Override
      public void apply(Path path, int uid, int gid) {
        owners.put(path.toAbsolutePath().normalize(), new Owner(uid, gid));
      }

      @Override
      public Optional<Owner> recorded(Path path) {
        return Optional.ofNullable(
            Collections.unmodifiableMap(owners).get(path.toAbsolutePath().normalize()));
      }
    };
  }

  /**
   * {@link #chown()} if this process can give a file in {@code probeDir} to another owner, else
   * {@link #recordOnly()}.
   */
  static FileOwnership detect(Path probeDir) throws IOException {
    Path probe = Files.createTempFile(probeDir, ".chown-probe", "");
    try {
      Files.setAttribute(probe, "unix:uid", 54321, LinkOption.NOFOLLOW_LINKS);
      return chown();
    } catch (IOException | SecurityException e) {
      return recordOnly();
    } finally {
      Files.deleteIfExists(probe);
    }
  }
}
