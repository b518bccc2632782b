package dev.jbuild.store;

import dev.jbuild.image.Descriptor;
import dev.jbuild.image.Digest;
import dev.jbuild.image.DigestingOutputStream;
import dev.jbuild.image.Digests;
import dev.jbuild.image.ImageConfig;
import dev.jbuild.image.ImageJson;
import dev.jbuild.image.ImageManifest;
import dev.jbuild.image.ManifestDocument;
import dev.jbuild.image.MediaTypes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * jbuild's content-addressed store: {@code blobs/sha256/<hex>} (immutable, written by temp + fsync
 * + rename), {@code images.json} (name → manifest digest, replaced atomically under the {@code
 * lock} file), {@code layers/<hex of diffID>/} (unpacked layers, each created once by rename of a
 * finished temp dir, their regular files often hard links into {@code pool/}, see {@link FilePool})
 * and {@code tmp/<session>/} (this process's temp files, guarded by a lock; on close, or on the
 * next open when the owner died, a session is renamed into {@code tmp/trash/} and deleted later,
 * off the critical path). Readers never lock and never see a partial file. Thread-safe.
 */
public final class LocalStore implements Closeable {
  static final String TRASH = "trash";
  private final Path root;
  private final Path session;
  private final StoreLock sessionLock;

  private LocalStore(Path root, Path session, StoreLock sessionLock) {
    this.root = root;
    this.session = session;
    this.sessionLock = sessionLock;
  }

  /** Opens (creating if needed) the store at {@code root} and removes leftovers of dead runs. */
  public static LocalStore open(Path root) throws IOException {
    Path r = root.toAbsolutePath();
    for (String d : new String[] {"blobs/sha256", "layers", "tmp"}) {
      Files.createDirectories(r.resolve(d));
    }
    repair(r);
    String id = "s-" + UUID.randomUUID();
    Path tmp = r.resolve("tmp");
    // lock first, then the directory: repair treats a session dir whose lock it can take as dead
    StoreLock lock = StoreLock.acquire(tmp.resolve(id + ".lock"));
    Path session = tmp.resolve(id);
    Files.createDirectories(session);
    return new LocalStore(r, session, lock);
  }

  private static void repair(Path root) throws IOException {
    Path tmp = root.resolve("tmp");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.endsWith(".lock") || name.equals(TRASH)) {
          continue;
        }
        Path lockFile = tmp.resolve(name + ".lock");
        if (!Files.exists(lockFile)) {
          toTrash(root, p);
          continue;
        }
        StoreLock owner = StoreLock.tryAcquire(lockFile);
        if (owner != null) {
          try {
            toTrash(root, p);
            Files.deleteIfExists(lockFile);
          } finally {
            owner.close();
          }
        }
      }
    }
  }

  /**
   * Moves a finished session's leftovers out of the way in one rename, so nobody waits for a big
   * tree to be deleted; {@link #collectTrashInBackground} and prune delete them later.
   */
  private static void toTrash(Path root, Path p) throws IOException {
    Path trash = Files.createDirectories(root.resolve("tmp").resolve(TRASH));
    try {
      Files.move(p, trash.resolve(UUID.randomUUID().toString()));
    } catch (IOException e) {
      AtomicFiles.deleteTree(p); // e.g. a non-directory we cannot rename: delete it now
    }
  }

  /**
   * Deletes what earlier sessions left in {@code tmp/trash/}, on a daemon thread: best effort (a
   * file of another uid, left by a build in a user namespace, waits for the next build or prune).
   */
  public void collectTrashInBackground() {
    Path trash = root.resolve("tmp").resolve(TRASH);
    if (!Files.isDirectory(trash)) {
      return;
    }
    Thread t = new Thread(() -> emptyTrash(trash), "jbuild-trash");
    t.setDaemon(true);
    t.start();
  }

  private static void emptyTrash(Path trash) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(trash)) {
      for (Path p : entries) {
        try {
          AtomicFiles.deleteTree(p);
        } catch (IOException | RuntimeException e) {
          // left for a later run (another process may be deleting it, or it is not ours)
        }
      }
    } catch (IOException e) {
      // nothing to do now; prune reports what stays
    }
  }

  public Path root() {
    return root;
  }

  // ---- blobs ----

  public Path blobPath(Digest digest) {
    return StorePaths.blob(root, digest);
  }

  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** Opens a blob; its digest and size are verified as it is read. */
  public InputStream openBlob(Digest digest) throws IOException {
    Path p = blobPath(digest);
    try {
      return Digests.verifying(Files.newInputStream(p), digest, Files.size(p));
    } catch (NoSuchFileException e) {
      throw new StoreException("blob " + digest + " is not in the store at " + root);
    }
  }

  public byte[] readBlob(Digest digest) throws IOException {
    try (InputStream in = openBlob(digest)) {
      return in.readAllBytes();
    }
  }

  public long blobSize(Digest digest) throws IOException {
    return Files.size(blobPath(digest));
  }

  /** Stores {@code bytes} and returns their digest. */
  public Digest putBlob(byte[] bytes) throws IOException {
    try (BlobWriter w = newBlobWriter()) {
      w.stream().write(bytes);
      return w.commit();
    }
  }

  /** Copies {@code in} into the store; with {@code expected} set, a mismatch stores nothing. */
  public Digest putBlob(InputStream in, @Nullable Digest expected) throws IOException {
    try (BlobWriter w = newBlobWriter()) {
      in.transferTo(w.stream());
      return expected == null ? w.commit() : w.commit(expected);
    }
  }

  /**
   * Moves {@code file}, whose content the caller has already checked against {@code digest} while
   * writing it (a pull hashes as it downloads), into the store: fsync and rename, no copy and no
   * second hash. The file must lie in this store's temp space ({@link #newTempDir()}), so the
   * rename stays on one file system and nobody else can change it; anything else is refused.
   */
  public void adoptVerifiedBlob(Path file, Digest digest) throws IOException {
    Path f = requireTempFile(file, "blob " + digest);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    AtomicFiles.move(f, blobPath(digest), false);
  }

  /** {@code file}, normalized, if it is a regular file in this session's temp space. */
  Path requireTempFile(Path file, String as) throws IOException {
    Path f = file.toAbsolutePath().normalize();
    if (!f.startsWith(session.normalize()) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException(
          "cannot adopt " + file + " as " + as + ": not a file in the store's temp space");
    }
    return f;
  }

  /** A writer for one new blob; close without commit discards it. */
  public BlobWriter newBlobWriter() throws IOException {
    return new BlobWriter(Files.createTempFile(session, "blob-", ".tmp"));
  }

  /** Streams a blob into a temp file, then {@link #commit} moves it into place by digest. */
  public final class BlobWriter implements Closeable {
    private final Path tmp;
    private final FileChannel channel;
    private final DigestingOutputStream stream;
    private final BufferedOutputStream buffered;
    private boolean done;

    private BlobWriter(Path tmp) throws IOException {
      this.tmp = tmp;
      this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
      this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
      this.stream = Digests.digesting(buffered);
    }

    /** Where to write the content. Do not close it; call {@link #commit}. */
    public OutputStream stream() {
      return stream;
    }

    public long size() {
      return stream.size();
    }

    /** fsyncs, renames the blob to its digest's path and returns the digest. */
    public Digest commit() throws IOException {
      buffered.flush();
      channel.force(true);
      channel.close();
      Digest d = stream.digest();
      AtomicFiles.move(tmp, blobPath(d), false);
      done = true;
      return d;
    }

    /**
     * Like {@link #commit()}, but fails (storing nothing) unless the digest is {@code expected}.
     */
    public Digest commit(Digest expected) throws IOException {
      buffered.flush();
      Digest d = stream.digest();
      if (!d.equals(expected)) {
        throw new StoreException(
            "blob content has digest " + d + ", expected " + expected + ": nothing stored");
      }
      channel.force(true);
      channel.close();
      AtomicFiles.move(tmp, blobPath(d), false);
      done = true;
      return d;
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        channel.close();
        Files.deleteIfExists(tmp);
      }
    }
  }

  // ---- manifests and configs ----

  /** Stores a manifest or index; returns its descriptor. */
  public Descriptor putManifest(ManifestDocument m) throws IOException {
    byte[] json = m.toJson();
    String mt = m.mediaType();
    return Descriptor.of(mt == null ? MediaTypes.OCI_MANIFEST : mt, putBlob(json), json.length);
  }

  /** Stores a config; returns its descriptor (OCI media type unless {@code docker}). */
  public Descriptor putConfig(ImageConfig config, boolean docker) throws IOException {
    byte[] json = config.toJson();
    String mt = docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
    return Descriptor.of(mt, putBlob(json), json.length);
  }

  public ManifestDocument manifestDocument(Digest digest) throws IOException {
    return ImageJson.readManifestDocument(readBlob(digest));
  }

  public ImageManifest manifest(Digest digest) throws IOException {
    ManifestDocument d = manifestDocument(digest);
    if (d instanceof ImageManifest m) {
      return m;
    }
    throw new StoreException(digest + " is an image index, not an image manifest");
  }

  public ImageConfig config(Digest digest) throws IOException {
    return ImageJson.readConfig(readBlob(digest));
  }

  // ---- names ----

  /** All names with their manifest digests, sorted by name. */
  public Map<String, Digest> images() throws IOException {
    return Collections.unmodifiableMap(readImages());
  }

  public Optional<Digest> resolve(String name) throws IOException {
    return Optional.ofNullable(readImages().get(name));
  }

  /** Points {@code name} at {@code manifest} (which must already be stored). */
  public void tag(String name, Digest manifest) throws IOException {
    if (!hasBlob(manifest)) {
      throw new StoreException("cannot tag " + name + ": manifest " + manifest + " not stored");
    }
    try (StoreLock l = StoreLock.acquire(root.resolve("lock"))) {
      Map<String, Digest> images = readImages();
      images.put(name, manifest);
      writeImages(images);
    }
  }

  /** Removes {@code name}; returns whether it existed. Blobs stay until a prune. */
  public boolean untag(String name) throws IOException {
    try (StoreLock l = StoreLock.acquire(root.resolve("lock"))) {
      Map<String, Digest> images = readImages();
      boolean had = images.remove(name) != null;
      if (had) {
        writeImages(images);
      }
      return had;
    }
  }

  private TreeMap<String, Digest> readImages() throws IOException {
    Path f = StorePaths.images(root);
    TreeMap<String, Digest> out = new TreeMap<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      return out;
    }
    try {
      NamesJson.parse(bytes).forEach((k, v) -> out.put(k, Digest.parse(v)));
      return out;
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          f + " is corrupt (" + e.getClass().getSimpleName() + "): move it away to start afresh",
          e);
    }
  }

  private void writeImages(Map<String, Digest> images) throws IOException {
    Map<String, String> raw = new TreeMap<>();
    images.forEach((k, v) -> raw.put(k, v.toString()));
    AtomicFiles.write(StorePaths.images(root), NamesJson.format(raw));
  }

  // ---- build cache entries ----

  /**
   * Records build cache entry {@code key} (64 hex digits). Written to a temp file and renamed, not
   * fsynced: an entry lost or torn by a crash is only a cache miss ({@link #readCacheEntry} then
   * returns what the reader rejects).
   */
  public void writeCacheEntry(String key, byte[] json) throws IOException {
    Path dest = cacheEntryPath(key);
    Files.createDirectories(dest.getParent());
    Path tmp = Files.createTempFile(session, "cache-", ".tmp");
    try {
      Files.write(tmp, json);
      AtomicFiles.move(tmp, dest, true);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The bytes of build cache entry {@code key}, if there is one. */
  public Optional<byte[]> readCacheEntry(String key) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(cacheEntryPath(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private Path cacheEntryPath(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a cache key: " + key);
    }
    return root.resolve("cache").resolve(key + ".json");
  }

  // ---- unpacked layers and temp space ----

  /** The unpacked directory of layer {@code diffId}, if it was unpacked before. */
  public Optional<Path> unpackedLayer(Digest diffId) {
    Path p = root.resolve("layers").resolve(diffId.hex());
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }

  /** Fills a fresh directory. */
  @FunctionalInterface
  public interface DirFiller {
    void fill(Path dir) throws IOException;
  }

  /**
   * Returns {@code layers/<diffID>/}, creating it once: {@code filler} writes into a temp dir that
   * is renamed into place only when complete; a concurrent winner's copy is kept.
   */
  public Path unpackLayer(Digest diffId, DirFiller filler) throws IOException {
    Optional<Path> existing = unpackedLayer(diffId);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path tmp = newTempDir();
    try {
      filler.fill(tmp);
      Path dest = root.resolve("layers").resolve(diffId.hex());
      AtomicFiles.move(tmp, dest, false);
      return dest;
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /** The pool of files that unpacked layer dirs share by hard link ({@code pool/}). */
  public FilePool pool() {
    return new FilePool(root.resolve("pool"), this);
  }

  /** A new empty directory in this session's temp space (removed on close or next open). */
  public Path newTempDir() throws IOException {
    return Files.createTempDirectory(session, "d-");
  }

  @Override
  public void close() throws IOException {
    try {
      toTrash(root, session);
      Files.deleteIfExists(session.resolveSibling(session.getFileName() + ".lock"));
    } finally {
      sessionLock.close();
    }
  }
}
