package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts overlay snapshots in the current mount namespace. Lower dirs are passed as short relative
 * symlink names from a private dir (the mount runs there), so hundreds of layers fit in the
 * one-page limit on mount options.
 */
public final class Overlay {
  /** The kernel stacks at most this many lower layers (OVL_MAX_STACK). */
  public static final int MAX_LOWER_DIRS = 500;

  private static final int MAX_OPTIONS_LENGTH = 4095;

  private final Host host;
  private final boolean userxattr;

  Overlay(Host host, boolean userxattr) {
    this.host = host;
    this.userxattr = userxattr;
  }

  /**
   * The xattr that marks an opaque dir in the upper dir ({@code user.} whenever userxattr is on).
   */
  public String opaqueXattr() {
    return (userxattr ? "user" : "trusted") + ".overlay.opaque";
  }

  /**
   * Mounts {@code target} as the union of {@code lowerDirsBottomFirst} (image layer order: base
   * first) under a writable {@code upper}; {@code work} must be an empty dir on the upper's
   * filesystem. Close the result to unmount.
   */
  public OverlayMount mount(List<Path> lowerDirsBottomFirst, Path upper, Path work, Path target) {
    if (lowerDirsBottomFirst.size() > MAX_LOWER_DIRS) {
      throw new MountException(
          "overlay of "
              + lowerDirsBottomFirst.size()
              + " layers exceeds the kernel limit of "
              + MAX_LOWER_DIRS
              + ": squash the base image");
    }
    Path links = Processes.privateTempDir(host.tempDir(), "jbuild-ovl-");
    try {
      String options = linkLayers(links, lowerDirsBottomFirst, upper, work);
      String mount = host.tools().require("mount", "mount overlay snapshots").toString();
      List<String> argv =
          List.of(mount, "-n", "-t", "overlay", "overlay", "-o", options, target.toString());
      ProcessResult result = runIn(links, argv);
      if (result.exitCode() != 0) {
        throw new MountException("mounting overlay on " + target + ": " + result.firstErrorLine());
      }
      return new OverlayMount(host, target, upper, links);
    } catch (IOException | RuntimeException e) {
      OverlayMount.deleteLinks(links);
      if (e instanceof MountException m) {
        throw m;
      }
      throw new MountException("preparing overlay on " + target + ": " + e.getMessage());
    }
  }

  /** Tries a throw-away overlay under {@code scratch}; callers fall back to copy + diff. */
  public OverlaySupport probe(Path scratch) {
    try {
      Path base = Processes.privateTempDir(scratch, "jbuild-ovl-probe-");
      List<Path> dirs = new ArrayList<>();
      for (String name : List.of("l", "u", "w", "m")) {
        dirs.add(Files.createDirectory(base.resolve(name)));
      }
      Files.writeString(dirs.get(0).resolve("f"), "x");
      try (OverlayMount m = mount(List.of(dirs.get(0)), dirs.get(1), dirs.get(2), dirs.get(3))) {
        Files.writeString(m.target().resolve("g"), "y");
      } finally {
        DirTrees.deleteRecursively(base);
      }
      return new OverlaySupport(true, "overlay" + (userxattr ? " (userxattr)" : ""));
    } catch (IOException | RootlessException e) {
      return new OverlaySupport(false, "overlay unavailable: " + e.getMessage());
    }
  }

  private String linkLayers(Path links, List<Path> lowers, Path upper, Path work)
      throws IOException {
    StringBuilder lowerdir = new StringBuilder();
    if (lowers.isEmpty()) {
      Files.createDirectory(links.resolve("e")); // overlay needs a lower; scratch has none
      lowerdir.append('e');
    }
    for (int i = lowers.size() - 1, name = 0; i >= 0; i--, name++) {
      Files.createSymbolicLink(
          links.resolve(Integer.toString(name)), lowers.get(i).toAbsolutePath());
      lowerdir.append(lowerdir.length() == 0 ? "" : ":").append(name);
    }
    Files.createSymbolicLink(links.resolve("u"), upper.toAbsolutePath());
    Files.createSymbolicLink(links.resolve("w"), work.toAbsolutePath());
    String options =
        "lowerdir=" + lowerdir + ",upperdir=u,workdir=w" + (userxattr ? ",userxattr" : "");
    if (options.length() > MAX_OPTIONS_LENGTH) {
      throw new MountException("overlay options exceed one page even with short names");
    }
    return options;
  }

  private static ProcessResult runIn(Path dir, List<String> argv) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(ProcessResult.devNull()));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new ProcessResult(Processes.waitFor(process), "", out);
  }
}
