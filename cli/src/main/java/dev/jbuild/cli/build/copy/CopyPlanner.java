package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns {@code COPY <sources> <dest>} into the entries of a layer, with BuildKit's rules: a
 * directory source copies its contents; the destination is a directory when it ends in '/', when
 * there are several sources or a wildcard, or when it already is one; missing parents are created;
 * existing parents are re-emitted with their metadata.
 */
public final class CopyPlanner {
  private final RootfsView image;
  private final CopyOptions options;
  private final Map<String, FileEntry> entries = new TreeMap<>();

  public CopyPlanner(RootfsView image, CopyOptions options) {
    this.image = image;
    this.options = options;
  }

  /**
   * Adds one COPY's sources. {@code dest} is absolute in the image (already joined with WORKDIR).
   */
  public CopyPlanner add(SourceTree tree, List<String> sources, String dest) throws IOException {
    List<String> matched = new ArrayList<>();
    boolean wildcard = false;
    for (String s : sources) {
      wildcard |= GlobPattern.hasMeta(SourceTree.clean(s));
      matched.addAll(tree.match(s));
    }
    String target = SourceTree.clean(dest);
    boolean destIsDir =
        dest.endsWith("/")
            || dest.endsWith("/.")
            || target.isEmpty()
            || sources.size() > 1
            || wildcard
            || isExistingDirectory(target);
    for (String rel : matched) {
      Path real = tree.resolve(rel);
      if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        // an existing symlinked directory (COPY dir/ /bin/ on merged /usr) is followed
        addDirectoryContents(tree, real, target.isEmpty() ? target : image.resolve(target));
      } else {
        String name = rel.isEmpty() ? real.getFileName().toString() : lastSegment(rel);
        addOne(real, destIsDir ? join(target, name) : target);
      }
    }
    return this;
  }

  /** The planned entries, parents before children, in path order. */
  public List<FileEntry> entries() {
    return List.copyOf(entries.values());
  }

  private boolean isExistingDirectory(String target) {
    String resolved = image.resolveParents(target);
    Optional<ExistingFile> e = image.lookup(resolved);
    return e.isPresent() && e.get().kind() == FileEntry.Kind.DIRECTORY;
  }

  private void addDirectoryContents(SourceTree tree, Path dir, String target) throws IOException {
    if (!target.isEmpty()) {
      ensureParents(target);
      put(entryFor(dir, target));
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String childTarget = join(target, child.getFileName().toString());
      StatAttributes stat = StatAttributes.read(child);
      if (stat.isDirectory()) {
        if (tree.mayHoldIncluded(child)) {
          addDirectoryContents(tree, child, childTarget);
        }
      } else if (!tree.isExcluded(child)) {
        put(entryFor(child, childTarget, stat));
      }
    }
  }

  private void addOne(Path real, String target) throws IOException {
    ensureParents(target);
    put(entryFor(real, target));
  }

  private void put(FileEntry e) {
    String path = image.resolveParents(e.path());
    entries.put(path, withPath(e, path));
  }

  /**
   * The directory {@code path} is in, with every symlink on the way followed, its own name too:
   * COPY into /bin/x on a merged-/usr image writes usr/bin/x and leaves the bin link alone.
   */
  private String resolvedDir(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : image.resolve(path.substring(0, slash));
  }

  private static FileEntry withPath(FileEntry e, String path) {
    return new FileEntry(
        path, e.kind(), e.mode(), e.uid(), e.gid(), e.mtime(), e.source(), e.linkTarget());
  }

  /** Emits each ancestor: existing ones with their own metadata, missing ones as new dirs. */
  private void ensureParents(String target) {
    String parent = resolvedDir(target);
    if (parent.isEmpty()) {
      return;
    }
    ensureParents(parent);
    if (entries.containsKey(parent)) {
      return;
    }
    Optional<ExistingFile> existing = image.lookup(parent);
    FileEntry dir =
        existing.isPresent() && existing.get().kind() == FileEntry.Kind.DIRECTORY
            ? new FileEntry(
                parent,
                FileEntry.Kind.DIRECTORY,
                existing.get().mode(),
                existing.get().uid(),
                existing.get().gid(),
                options.createdTime(),
                null,
                null)
            : FileEntry.newDirectory(parent, options.uid(), options.gid(), options.createdTime());
    entries.put(parent, dir);
  }

  private FileEntry entryFor(Path real, String target) throws IOException {
    return entryFor(real, target, StatAttributes.read(real));
  }

  private FileEntry entryFor(Path real, String target, StatAttributes stat) throws IOException {
    int perms = stat.permissions();
    Instant mtime = stat.mtime();
    if (stat.isSymbolicLink()) {
      return new FileEntry(
          target,
          FileEntry.Kind.SYMLINK,
          0777,
          options.uid(),
          options.gid(),
          mtime,
          null,
          Files.readSymbolicLink(real).toString());
    }
    boolean dir = stat.isDirectory();
    if (!dir && !stat.isRegularFile()) {
      throw new IOException(real + ": cannot copy special file (device, socket or fifo)");
    }
    int mode = options.chmod() == null ? perms : options.chmod().applyAsInt(perms);
    return new FileEntry(
        target,
        dir ? FileEntry.Kind.DIRECTORY : FileEntry.Kind.FILE,
        mode,
        options.uid(),
        options.gid(),
        mtime,
        dir ? null : real,
        null);
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static String lastSegment(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? rel : rel.substring(slash + 1);
  }
}
