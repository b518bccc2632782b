package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A tiny rootfs from Debian's busybox-static: /bin/busybox, its applet links, /tmp, /etc. */
final class BusyboxRootfs {
  static final Path BUSYBOX = Path.of("/bin/busybox");

  private BusyboxRootfs() {}

  static Path create(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    String list = TestUser.runRaw(List.of(BUSYBOX.toString(), "--list"), null, "").stdout();
    for (String applet : list.split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
      }
    }
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("etc"));
    return dir;
  }

  /** Every path in the tree, relative, sorted (symlinks not followed). */
  static TreeSet<String> listing(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      TreeSet<String> out = new TreeSet<>();
      paths.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
      return out;
    }
  }
}
