package dev.jbuild.rootless;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the external commands this module drives on a search path (injectable for tests). */
public record Tools(List<Path> searchPath) {
  public Tools {
    searchPath = List.copyOf(searchPath);
  }

  /** Tools found on a {@code PATH}-style list; system dirs are appended for sbin tools. */
  public static Tools fromPathVariable(String pathVariable) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        dirs.add(Path.of(dir));
      }
    }
    for (String dir : List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (!dirs.contains(Path.of(dir))) {
        dirs.add(Path.of(dir));
      }
    }
    return new Tools(dirs);
  }

  public Optional<Path> find(String name) {
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The command's path, or a {@link MissingToolException} naming the Debian package. */
  public Path require(String name, String purpose) {
    return find(name)
        .orElseThrow(() -> new MissingToolException(name, purpose, debianPackageOf(name)));
  }

  private static String debianPackageOf(String name) {
    switch (name) {
      case "newuidmap":
      case "newgidmap":
        return "uidmap";
      case "runc":
        return "runc";
      case "crun":
        return "crun";
      case "chroot":
        return "coreutils";
      case "hostname":
        return "hostname";
      case "ip":
        return "iproute2";
      default:
        return "util-linux";
    }
  }
}
