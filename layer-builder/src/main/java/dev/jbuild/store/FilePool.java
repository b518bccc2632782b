package dev.jbuild.store;

import dev.jbuild.image.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable regular files shared by hard link between the unpacked layer dirs of {@code layers/}
 * (overlay lower dirs, which the kernel never writes: a RUN that changes one gets a copy-up). A
 * pool file is named by a {@link Key} over its path in the layer, content, permission bits, owner
 * and time, so two paths never share an inode while the same file at the same path is stored once
 * across builds. Files enter by rename of a finished temp file already linked where it is needed,
 * and are never modified; prune removes the ones no layer dir links any more (link count 1). Before
 * a file is linked its size, mode, owner and time are checked against the key (a damaged or
 * truncated file is replaced); its content is trusted, as the files of {@code layers/} are.
 */
public final class FilePool {
  private final Path dir;
  private final LocalStore store;

  FilePool(Path dir, LocalStore store) {
    this.dir = dir;
    this.store = store;
  }

  /**
   * What identifies a pool file.
   *
   * @param path the file's path in the layer ("src/Main.java")
   * @param contentSha256 hex sha256 of the content
   * @param mode permission bits including setuid, setgid and sticky
   * @param mtime the modification time, as the file carries it
   */
  public record Key(String path, String contentSha256, int mode, int uid, int gid, Instant mtime) {
    /** The pool file's name: sha256 over every field. */
    public String hex() {
      String text =
          String.join(
              "\0",
              "jbuild pool v1",
              path,
              contentSha256,
              Integer.toOctalString(mode & 07777),
              Integer.toString(uid),
              Integer.toString(gid),
              mtime.getEpochSecond() + "." + mtime.getNano());
      return Digests.sha256(text.getBytes(StandardCharsets.UTF_8)).hex();
    }
  }

  /** Where the file of {@code key} lives (it may not exist). */
  public Path path(Key key) {
    String hex = key.hex();
    return dir.resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * Hard-links the pool file of {@code key} to {@code dest} when there is a sound one ({@code size}
   * bytes, the key's mode, owner and time). Returns false when there is none, or it cannot take
   * another link: the caller then writes the file and {@link #add}s it.
   */
  public boolean linkExisting(Key key, long size, Path dest) throws IOException {
    Path p = path(key);
    try {
      if (!sound(p, key, size)) {
        return false;
      }
      Files.createLink(dest, p);
      return true;
    } catch (NoSuchFileException e) {
      return false; // not there, or pruned since we looked
    } catch (FileSystemException e) {
      if (tooManyLinks(e)) {
        return false; // a fresh copy replaces it in add()
      }
      throw e;
    }
  }

  /**
   * Moves {@code file} (a finished file in this store's temp space, its attributes already set)
   * into the pool as {@code key}'s file, replacing any earlier one, and hard-links it to {@code
   * dest}.
   */
  public void add(Key key, Path file, Path dest) throws IOException {
    store.requireTempFile(file, "pool file " + key.hex());
    Path p = path(key);
    // Linked before it enters the pool, so prune never sees it there with one link, unused.
    Files.createLink(dest, file);
    // Replace: an earlier file under this name was damaged or is out of links; links to it stay.
    // No fsync (thousands per COPY): a file a crash left short fails the size check and is redone.
    try {
      Files.move(file, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      Files.createDirectories(
          Objects.requireNonNull(p.getParent())); // the first in its fan-out dir
      Files.move(file, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean sound(Path p, Key key, long size) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(
            p, "unix:size,mode,uid,gid,lastModifiedTime,isRegularFile", LinkOption.NOFOLLOW_LINKS);
    return Boolean.TRUE.equals(a.get("isRegularFile"))
        && Long.valueOf(size).equals(a.get("size"))
        && Integer.valueOf(key.mode() & 07777)
            .equals(((Integer) Objects.requireNonNull(a.get("mode"))) & 07777)
        && Integer.valueOf(key.uid()).equals(a.get("uid"))
        && Integer.valueOf(key.gid()).equals(a.get("gid"))
        && FileTime.from(key.mtime()).equals(a.get("lastModifiedTime"));
  }

  private static boolean tooManyLinks(FileSystemException e) {
    String reason = e.getReason();
    return reason != null && reason.contains("Too many links");
  }
}
