package dev.jbuild.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Applies layer tars onto a root directory: whiteouts and opaque markers delete lower content,
 * entries are created with their modes, times, owners (through {@link FileOwnership}) and user
 * xattrs. No entry can write outside the root: {@code ..}, absolute names, links that escape,
 * replacing the root and escaping whiteouts fail with a {@link LayerException} naming the entry
 * before anything is written for it.
 */
public final class LayerExtractor {
  private final ScopedResolver resolver;
  private final FileOwnership owners;
  private final List<String> skipped = new ArrayList<>();

  public LayerExtractor(Path root, FileOwnership owners) {
    this.resolver = new ScopedResolver(root);
    this.owners = owners;
  }

  /** Entries that could not be created here (device nodes without privilege), with reasons. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /** Applies one uncompressed layer tar (read to its end, not closed). */
  public void apply(InputStream tar) throws IOException {
    Set<String> written = new HashSet<>();
    List<Runnable> dirTimes = new ArrayList<>();
    TarArchiveInputStream in = new TarArchiveInputStream(new NonClosingInputStream(tar), "UTF-8");
    for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
      applyEntry(e, in, written, dirTimes);
    }
    // directory modes and times last (reverse order), so children could be written first
    for (int i = dirTimes.size() - 1; i >= 0; i--) {
      dirTimes.get(i).run();
    }
  }

  private void applyEntry(
      TarArchiveEntry e, InputStream content, Set<String> written, List<Runnable> dirTimes)
      throws IOException {
    String name = e.getName();
    String rel = relative(name);
    if (rel.isEmpty()) {
      if (!isDirectory(e)) {
        throw ScopedResolver.escape(name, "it would replace the root directory");
      }
      return;
    }
    String base = LayerPaths.name(rel);
    if (base.equals(LayerPaths.OPAQUE)) {
      opaque(LayerPaths.parent(rel), name, written);
      return;
    }
    if (base.startsWith(LayerPaths.WHITEOUT_PREFIX)) {
      String victim = base.substring(LayerPaths.WHITEOUT_PREFIX.length());
      if (victim.isEmpty() || victim.equals(".") || victim.equals("..") || victim.contains("/")) {
        throw ScopedResolver.escape(name, "bad whiteout name");
      }
      Path target = resolver.resolveParent(sibling(rel, victim), name);
      dev.jbuild.store.AtomicFiles.deleteTree(target);
      return;
    }
    Path path = resolver.resolveParent(rel, name);
    Files.createDirectories(java.util.Objects.requireNonNull(path.getParent()));
    written.add(rel);
    if (isDirectory(e)) {
      if (!ScopedResolver.isDir(path)) {
        dev.jbuild.store.AtomicFiles.deleteTree(path);
        Files.createDirectory(path);
      }
      path.toFile().setWritable(true, true);
      owners.apply(path, (int) e.getLongUserId(), (int) e.getLongGroupId());
      xattrs(path, e);
      int mode = e.getMode() & 07777;
      FileTime t = e.getLastModifiedTime();
      dirTimes.add(() -> finishDir(path, mode, t));
      return;
    }
    dev.jbuild.store.AtomicFiles.deleteTree(path);
    if (e.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(e.getLinkName()));
    } else if (e.isLink()) {
      String target = relative(e.getLinkName());
      if (target.isEmpty()) {
        throw ScopedResolver.escape(name, "hardlink to the root");
      }
      Path t = resolver.resolveParent(target, name);
      if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS) || ScopedResolver.isDir(t)) {
        throw new LayerException(
            "layer entry "
                + LayerPaths.printable(name)
                + ": hardlink target "
                + LayerPaths.printable(e.getLinkName())
                + " is missing or a directory");
      }
      Files.createLink(path, t);
      return;
    } else if (e.isFIFO() || e.isCharacterDevice() || e.isBlockDevice()) {
      // opening a fifo or device (as the JDK does to chmod, utimes or list xattrs) could block:
      // mode and time are passed to the tools instead
      if (special(path, e)) {
        owners.apply(path, (int) e.getLongUserId(), (int) e.getLongGroupId());
      }
      return;
    } else if (e.isFile()) {
      try (var out =
          Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.transferTo(out);
      }
    } else {
      skipped.add(name + ": unsupported tar entry type '" + (char) e.getLinkFlag() + "'");
      return;
    }
    owners.apply(path, (int) e.getLongUserId(), (int) e.getLongGroupId());
    if (!e.isSymbolicLink()) {
      Files.setAttribute(path, "unix:mode", e.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
      xattrs(path, e);
    }
    setTime(path, e.getLastModifiedTime());
  }

  /** By type flag; a plain-file flag with a trailing slash is an old-style directory. */
  private static boolean isDirectory(TarArchiveEntry e) {
    byte f = e.getLinkFlag();
    return f == TarConstants.LF_DIR
        || ((f == TarConstants.LF_NORMAL || f == TarConstants.LF_OLDNORM)
            && e.getName().endsWith("/"));
  }

  private boolean special(Path path, TarArchiveEntry e) throws IOException {
    String mode = Integer.toOctalString(e.getMode() & 07777);
    List<String> cmd =
        e.isFIFO()
            ? List.of("mkfifo", "-m", mode, path.toString())
            : List.of(
                "mknod",
                "-m",
                mode,
                path.toString(),
                e.isBlockDevice() ? "b" : "c",
                Integer.toString(e.getDevMajor()),
                Integer.toString(e.getDevMinor()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        skipped.add(e.getName() + ": " + out);
        return false;
      }
      long secs = e.getLastModifiedTime().toInstant().getEpochSecond();
      new ProcessBuilder("touch", "-h", "-m", "-d", "@" + secs, path.toString())
          .redirectErrorStream(true)
          .start()
          .waitFor();
      return true;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted creating " + e.getName());
    }
  }

  private void opaque(String dirRel, String entry, Set<String> written) throws IOException {
    Path dir = dirRel.isEmpty() ? resolver.root() : resolver.resolveDir(dirRel, entry);
    if (!ScopedResolver.isDir(dir)) {
      return;
    }
    clearExcept(dir, dirRel, written);
  }

  /** Deletes everything under {@code dir} not written by this layer. */
  private boolean clearExcept(Path dir, String rel, Set<String> written) throws IOException {
    boolean keptAny = false;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path c : children) {
        String childRel = rel.isEmpty() ? c.getFileName().toString() : rel + "/" + c.getFileName();
        if (written.contains(childRel)) {
          keptAny = true;
        } else if (ScopedResolver.isDir(c) && clearExcept(c, childRel, written)) {
          keptAny = true;
        } else {
          dev.jbuild.store.AtomicFiles.deleteTree(c);
        }
      }
    }
    return keptAny;
  }

  private static void xattrs(Path path, TarArchiveEntry e) throws IOException {
    for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
      String key = h.getKey();
      if (key.startsWith("SCHILY.xattr.user.")
          && !TarEntryWriter.isOverlayXattr(key.substring(13))) {
        UserDefinedFileAttributeView view =
            Files.getFileAttributeView(
                path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
          try {
            view.write(
                key.substring(18), ByteBuffer.wrap(h.getValue().getBytes(StandardCharsets.UTF_8)));
          } catch (IOException ex) {
            // filesystem without user xattrs (tmpfs on old kernels): the layer tar keeps them
          }
        }
      }
    }
  }

  private static void finishDir(Path path, int mode, FileTime t) {
    try {
      Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
      setTime(path, t);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void setTime(Path path, FileTime t) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(t, null, null);
  }

  private static String sibling(String rel, String name) {
    String parent = LayerPaths.parent(rel);
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** {@code ./a//b/} → {@code a/b}; absolute names and {@code ..} are errors. */
  private static String relative(String name) {
    if (name.startsWith("/")) {
      throw ScopedResolver.escape(name, "absolute name");
    }
    StringBuilder sb = new StringBuilder();
    for (String c : name.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        throw ScopedResolver.escape(name, "\"..\" in the name");
      }
      if (c.indexOf('\0') >= 0) {
        throw ScopedResolver.escape(name, "NUL in the name");
      }
      sb.append(sb.length() == 0 ? "" : "/").append(c);
    }
    return sb.toString();
  }
}
