package dev.jbuild.rootless;

import java.nio.file.Path;
import java.util.List;

/** A mounted overlay; {@link #upper()} holds the change set once the step is done. */
public final class OverlayMount implements AutoCloseable {
  private final Host host;
  private final Path target;
  private final Path upper;
  private final Path links;
  private boolean mounted = true;

  OverlayMount(Host host, Path target, Path upper, Path links) {
    this.host = host;
    this.target = target;
    this.upper = upper;
    this.links = links;
  }

  public Path target() {
    return target;
  }

  public Path upper() {
    return upper;
  }

  /** Unmounts (lazily if a straggling process still holds it) and removes the link dir. */
  @Override
  public void close() {
    if (!mounted) {
      return;
    }
    String umount = host.tools().require("umount", "unmount overlay snapshots").toString();
    ProcessResult result = ProcessResult.run(List.of(umount, target.toString()));
    if (result.exitCode() != 0) {
      ProcessResult lazy = ProcessResult.run(List.of(umount, "-l", target.toString()));
      if (lazy.exitCode() != 0) {
        throw new MountException("unmounting " + target + ": " + result.firstErrorLine());
      }
    }
    mounted = false;
    deleteLinks(links);
  }

  static void deleteLinks(Path links) {
    DirTrees.deleteRecursivelyQuietly(links);
  }
}
