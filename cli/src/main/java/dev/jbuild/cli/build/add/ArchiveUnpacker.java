package dev.jbuild.cli.build.add;

import dev.jbuild.cli.build.StepFailure;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.layer.FileOwnership;
import dev.jbuild.layer.LayerException;
import dev.jbuild.layer.LayerExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Unpacks one archive into a fresh directory with layer-builder's safe extraction (no entry can
 * land outside the directory; symlinks resolve inside it) and lists what it holds as entries
 * relative to that directory. Owners come from the archive (recorded, since the build may not be
 * allowed to chown); modes and times are the archive's too. Extracted files stay on disk as the
 * content sources of the entries.
 */
final class ArchiveUnpacker {
  private final Path dir;
  private final FileOwnership owners = FileOwnership.recordOnly();
  private final Map<Object, FileOwnership.Owner> byInode = new HashMap<>();

  private ArchiveUnpacker(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /**
   * Unpacks {@code archive} (compressed as {@code compression}) into the empty directory {@code
   * dir}; {@code label} names the archive in errors.
   */
  static List<FileEntry> unpack(
      Path archive, ArchiveCompression compression, Path dir, String label) throws IOException {
    ArchiveUnpacker u = new ArchiveUnpacker(dir);
    u.extract(archive, compression, label);
    List<Found> found = new ArrayList<>();
    u.walk(u.dir, "", found);
    return u.entries(found, label);
  }

  private void extract(Path archive, ArchiveCompression compression, String label)
      throws IOException {
    try (InputStream in = compression.open(archive)) {
      new LayerExtractor(dir, owners).apply(in);
      in.transferTo(OutputStream.nullOutputStream()); // reach the end so stream errors surface
    } catch (LayerException e) {
      throw new StepFailure("unpacking " + label + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StepFailure(
          "unpacking " + label + ": the archive is damaged or truncated (" + e.getMessage() + ")",
          e);
    }
  }

  /** One extracted path, its attributes and its mode as the archive set it. */
  private record Found(Path path, String rel, BasicFileAttributes attrs, int mode) {}

  private void walk(Path at, String rel, List<Found> out) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(at)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      String childRel = rel.isEmpty() ? name : rel + "/" + name;
      BasicFileAttributes attrs =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) Files.getAttribute(child, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      out.add(new Found(child, childRel, attrs, mode & 07777));
      if (attrs.isDirectory()) {
        readable(child, mode & 07777, 0700);
        walk(child, childRel, out);
      } else if (attrs.isRegularFile()) {
        readable(child, mode & 07777, 0400);
      }
    }
  }

  private List<FileEntry> entries(List<Found> found, String label) throws IOException {
    for (Found f : found) {
      Object key = f.attrs().fileKey();
      if (key != null) {
        owners.recorded(f.path()).ifPresent(o -> byInode.putIfAbsent(key, o));
      }
    }
    List<FileEntry> out = new ArrayList<>();
    for (Found f : found) {
      out.add(entry(f, label));
    }
    return out;
  }

  private FileEntry entry(Found f, String label) throws IOException {
    BasicFileAttributes attrs = f.attrs();
    FileOwnership.Owner owner = owner(f);
    Instant mtime = attrs.lastModifiedTime().toInstant();
    if (attrs.isSymbolicLink()) {
      return new FileEntry(
          f.rel(),
          FileEntry.Kind.SYMLINK,
          0777,
          owner.uid(),
          owner.gid(),
          mtime,
          null,
          Files.readSymbolicLink(f.path()).toString());
    }
    if (!attrs.isDirectory() && !attrs.isRegularFile()) {
      throw new StepFailure(
          "unpacking "
              + label
              + ": "
              + f.rel()
              + " is a device node, fifo or socket, which ADD cannot write into a layer;"
              + " leave it out of the archive");
    }
    boolean dir = attrs.isDirectory();
    return new FileEntry(
        f.rel(),
        dir ? FileEntry.Kind.DIRECTORY : FileEntry.Kind.FILE,
        f.mode(),
        owner.uid(),
        owner.gid(),
        mtime,
        dir ? null : f.path(),
        null);
  }

  /** The archive's owner of a path; a hardlink has its target's (same inode). */
  private FileOwnership.Owner owner(Found f) {
    Optional<FileOwnership.Owner> recorded = owners.recorded(f.path());
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Object key = f.attrs().fileKey();
    FileOwnership.Owner linked = key == null ? null : byInode.get(key);
    return linked != null ? linked : new FileOwnership.Owner(0, 0);
  }

  /**
   * Lets this process read what it extracted (an archive may hold a 0400 directory or a 0000 file)
   * so the layer can be written; the entry keeps the archive's mode.
   */
  private static void readable(Path p, int mode, int needed) throws IOException {
    if ((mode & needed) != needed) {
      Files.setAttribute(p, "unix:mode", mode | needed, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
