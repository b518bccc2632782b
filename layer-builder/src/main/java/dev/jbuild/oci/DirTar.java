package dev.jbuild.oci;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tars a directory of plain files reproducibly: sorted names, root-owned, time 0. */
final class DirTar {
  private DirTar() {}

  static void write(Path dir, Path tarFile) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tarFile), 1 << 16);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(file, 512, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : all) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        boolean isDir = Files.isDirectory(p);
        TarArchiveEntry e = new TarArchiveEntry(isDir ? name + "/" : name);
        e.setMode(isDir ? 0755 : 0644);
        e.setLastModifiedTime(FileTime.fromMillis(0));
        e.setUserName("");
        e.setGroupName("");
        if (!isDir) {
          e.setSize(Files.size(p));
        }
        tar.putArchiveEntry(e);
        if (!isDir) {
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }
}
