package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.ExistingFile;
import dev.jbuild.cli.build.copy.FileEntry;
import dev.jbuild.cli.build.copy.RootfsView;
import dev.jbuild.cli.build.copy.SymlinkWalk;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata of an image's filesystem, built from its layers' entries (whiteouts and opaque
 * directories applied), without unpacking anything. COPY and WORKDIR consult it to know what
 * already exists; paths are relative to "/".
 */
final class FsIndex implements RootfsView {
  private final TreeMap<String, ExistingFile> files = new TreeMap<>();
  private final Map<String, String> symlinks = new HashMap<>();
  // resolve() per path, while the symlinks stay as they are: a COPY asks once per file
  private final Map<String, String> resolved = new HashMap<>();

  FsIndex copy() {
    FsIndex c = new FsIndex();
    c.files.putAll(files);
    c.symlinks.putAll(symlinks);
    return c;
  }

  void put(String path, ExistingFile meta, String linkTarget) {
    files.put(path, meta);
    if (meta.kind() == FileEntry.Kind.SYMLINK) {
      symlinks.put(path, linkTarget);
      linksChanged();
    } else {
      removeLink(path);
    }
  }

  void put(FileEntry e) {
    put(
        e.path(),
        new ExistingFile(e.kind(), e.mode(), e.uid(), e.gid(), e.mtime()),
        e.linkTarget() == null ? "" : e.linkTarget());
  }

  /** A whiteout: the path and everything under it disappear. */
  void remove(String path) {
    removeChildren(path);
    files.remove(path);
    removeLink(path);
  }

  /** An opaque directory: everything below it from lower layers disappears. */
  void removeChildren(String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Iterator<String> it = files.tailMap(prefix, true).keySet().iterator();
    while (it.hasNext()) {
      String p = it.next();
      if (!p.startsWith(prefix)) {
        break;
      }
      it.remove();
      removeLink(p);
    }
  }

  private void removeLink(String path) {
    if (symlinks.remove(path) != null) {
      linksChanged();
    }
  }

  private void linksChanged() {
    if (!resolved.isEmpty()) {
      resolved.clear();
    }
  }

  @Override
  public Optional<ExistingFile> lookup(String path) {
    return Optional.ofNullable(files.get(path));
  }

  @Override
  public String resolve(String path) {
    String known = resolved.get(path);
    if (known != null) {
      return known;
    }
    try {
      String r = SymlinkWalk.resolve(path, symlinks::get, true);
      resolved.put(path, r);
      return r;
    } catch (IOException e) {
      throw new StepFailure("/" + path + ": too many levels of symbolic links in the image", e);
    }
  }
}
