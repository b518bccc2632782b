package dev.jbuild.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns filesystem changes into a {@link LayerBuilder}: from an overlay upper directory (char 0/0
 * whiteouts, {@code user.overlay.opaque} / {@code trusted.overlay.opaque}), from a diff of two
 * trees (where overlay is unavailable), or from a whole tree. The same change gives the same
 * entries either way: a changed entry brings its parent directories along, as overlay copy-up does.
 */
public final class ChangeSets {
  private final FileOwnership owners;
  private final LayerBuilder out = LayerBuilder.create();
  private final Map<String, String> firstPathOfInode = new HashMap<>();

  private ChangeSets(FileOwnership owners) {
    this.owners = owners;
  }

  /** The changes recorded in overlay upper dir {@code upper}. */
  public static LayerBuilder fromOverlayUpper(Path upper, FileOwnership owners) throws IOException {
    ChangeSets c = new ChangeSets(owners);
    c.walkUpper(upper, "");
    return c.out;
  }

  /** The changes that turn tree {@code lower} into tree {@code upper}. */
  public static LayerBuilder fromTreeDiff(Path lower, Path upper, FileOwnership owners)
      throws IOException {
    ChangeSets c = new ChangeSets(owners);
    c.diff(lower, upper, "");
    return c.out;
  }

  /** Every entry of tree {@code root} (for {@code --output type=tar} and squashing). */
  public static LayerBuilder fromTree(Path root, FileOwnership owners) throws IOException {
    ChangeSets c = new ChangeSets(owners);
    c.addAll(root, "");
    return c.out;
  }

  private void walkUpper(Path dir, String rel) throws IOException {
    for (Path child : sortedChildren(dir)) {
      String r = join(rel, child.getFileName().toString());
      FileMetaReader m = FileMetaReader.read(child, owners);
      if (m.isWhiteoutDevice()) {
        out.whiteout(r);
        continue;
      }
      add(r, m);
      if (m.type() == 'd') {
        if (isOpaque(child)) {
          out.opaque(r);
        }
        walkUpper(child, r);
      }
    }
  }

  private static boolean isOpaque(Path dir) {
    if ("y".equals(FileMetaReader.userXattr(dir, "overlay.opaque"))) {
      return true;
    }
    try {
      Object v = Files.getAttribute(dir, "xattr:trusted.overlay.opaque", FileMetaReader.NOFOLLOW);
      return v != null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // trusted.* is visible to real root only; the JDK has no view for it
    }
  }

  /** Returns true if anything under {@code rel} changed. */
  private boolean diff(@Nullable Path lower, Path upper, String rel) throws IOException {
    boolean changed = false;
    Map<String, Path> lowerChildren = new HashMap<>();
    if (lower != null) {
      for (Path l : sortedChildren(lower)) {
        lowerChildren.put(l.getFileName().toString(), l);
      }
    }
    for (Path u : sortedChildren(upper)) {
      String name = u.getFileName().toString();
      String r = join(rel, name);
      Path l = lowerChildren.remove(name);
      FileMetaReader um = FileMetaReader.read(u, owners);
      FileMetaReader lm = l == null ? null : FileMetaReader.read(l, owners);
      boolean sameDir = lm != null && um.type() == 'd' && lm.type() == 'd';
      if (sameDir) {
        boolean inner = diff(l, u, r);
        Objects.requireNonNull(lm);
        if (inner || !sameMeta(lm, um)) {
          add(r, um);
          changed = true;
        }
      } else if (lm == null || !same(lm, um)) {
        add(r, um);
        if (um.type() == 'd') {
          addAll(u, r);
        }
        changed = true;
      }
    }
    for (String gone : lowerChildren.keySet()) {
      out.whiteout(join(rel, gone));
      changed = true;
    }
    return changed;
  }

  private void addAll(Path dir, String rel) throws IOException {
    for (Path child : sortedChildren(dir)) {
      String r = join(rel, child.getFileName().toString());
      FileMetaReader m = FileMetaReader.read(child, owners);
      add(r, m);
      if (m.type() == 'd') {
        addAll(child, r);
      }
    }
  }

  private void add(String rel, FileMetaReader m) {
    EntryMeta meta = m.meta();
    switch (m.type()) {
      case 'd':
        out.directory(rel, meta);
        break;
      case 'f':
        if (m.nlink() > 1) {
          String first = firstPathOfInode.putIfAbsent(m.dev() + ":" + m.ino(), rel);
          if (first != null) {
            out.hardlink(rel, meta, first);
            break;
          }
        }
        out.file(rel, meta, FileSource.of(m.path()));
        break;
      case 'l':
        out.symlink(rel, meta, readLink(m.path()));
        break;
      case 'c':
      case 'b':
        out.device(rel, meta, m.type() == 'b', m.major(), m.minor());
        break;
      case 'p':
        out.fifo(rel, meta);
        break;
      default:
        throw new LayerException("cannot add " + m.path() + " to a layer: unsupported file type");
    }
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      throw new LayerException("cannot read symlink " + p + ": " + e.getMessage(), e);
    }
  }

  private static boolean sameMeta(FileMetaReader a, FileMetaReader b) {
    return a.type() == b.type()
        && a.meta().mode() == b.meta().mode()
        && a.meta().uid() == b.meta().uid()
        && a.meta().gid() == b.meta().gid()
        && a.meta().mtime().equals(b.meta().mtime())
        && a.meta().xattrs().equals(b.meta().xattrs());
  }

  private static boolean same(FileMetaReader a, FileMetaReader b) throws IOException {
    if (!sameMeta(a, b) || a.size() != b.size() || a.rdev() != b.rdev()) {
      return false;
    }
    if (a.type() == 'l') {
      return readLink(a.path()).equals(readLink(b.path()));
    }
    return a.type() != 'f' || sameContent(a.path(), b.path());
  }

  private static boolean sameContent(Path a, Path b) throws IOException {
    try (InputStream ia = Files.newInputStream(a);
        InputStream ib = Files.newInputStream(b)) {
      byte[] ba = new byte[65536];
      byte[] bb = new byte[65536];
      while (true) {
        int na = ia.readNBytes(ba, 0, ba.length);
        int nb = ib.readNBytes(bb, 0, bb.length);
        if (na != nb || !java.util.Arrays.equals(ba, 0, na, bb, 0, nb)) {
          return false;
        }
        if (na == 0) {
          return true;
        }
      }
    }
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
    return out;
  }

  private static String join(String rel, String name) {
    return rel.isEmpty() ? name : rel + "/" + Objects.requireNonNull(name);
  }
}
