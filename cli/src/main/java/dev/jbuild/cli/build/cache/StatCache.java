package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.StatAttributes;
import dev.jbuild.image.Digests;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Persistent (path, size, mtime, ctime, inode) → content sha256 map, one file in the store, so that
 * digesting an unchanged build context costs a stat walk instead of reading every file.
 *
 * <p>Thread-safe: independent stages may digest their sources at the same time.
 */
public final class StatCache implements Closeable {
  /**
   * A file whose mtime or ctime is this close to (or after) the moment its hashing started may be
   * written again within the same timestamp tick, so an unchanged stat would not prove unchanged
   * content next time: it is used for this run only, never saved.
   */
  public static final long RACY_NANOS = 2_000_000_000L;

  /** Opens a file's content for hashing; a seam so tests can count reads. */
  @FunctionalInterface
  interface Opener {
    InputStream open(Path file) throws IOException;
  }

  private final Path file;
  private final Map<String, StatEntry> saved;
  private final Map<String, StatEntry> used;
  private final Opener opener;
  private final Clock clock;
  private final AtomicBoolean hashed = new AtomicBoolean();
  private final AtomicBoolean looked = new AtomicBoolean();

  private StatCache(Path file, Map<String, StatEntry> saved, Opener opener, Clock clock) {
    this.file = file;
    this.saved = saved;
    this.used = new ConcurrentHashMap<>(Math.max(64, saved.size() * 4 / 3));
    this.opener = opener;
    this.clock = clock;
  }

  /** Loads {@code file}; a missing, unreadable or damaged file is an empty cache, not an error. */
  public static StatCache open(Path file) {
    return open(file, Files::newInputStream, Clock.systemUTC());
  }

  static StatCache open(Path file, Opener opener, Clock clock) {
    return new StatCache(file, StatCacheFile.load(file), opener, clock);
  }

  /**
   * Where the stat cache of the build context at {@code contextRoot} lives in the store at {@code
   * storeRoot}: {@code <store>/stat-cache/<sha256 of the absolute context path>.bin}. It is kept
   * apart from {@code <store>/cache/} (build results), as it only speeds up hashing.
   */
  public static Path location(Path storeRoot, Path contextRoot) {
    String key = contextRoot.toAbsolutePath().normalize().toString();
    String hex = Digests.sha256(key.getBytes(StandardCharsets.UTF_8)).hex();
    return storeRoot.resolve("stat-cache").resolve(hex + ".bin");
  }

  /**
   * The sha256 hex digest of the regular file {@code file}'s content. {@code attributes} is the
   * caller's {@code lstat} of it ({@link StatAttributes#read}); when path, size, mtime, ctime and
   * inode equal a cached entry the file is not read.
   */
  public String contentDigest(Path file, StatAttributes attributes) throws IOException {
    String key = file.toAbsolutePath().toString();
    String known = cached(key, attributes);
    if (known != null) {
      return known;
    }
    long start = StatAttributes.epochNanos(clock.instant());
    String digest;
    try (InputStream in = opener.open(file)) {
      digest = Digests.sha256(in).hex();
    }
    long changed = Math.max(attributes.mtimeNanos(), attributes.ctimeNanos());
    boolean racy = changed > start - RACY_NANOS;
    used.put(key, StatEntry.of(attributes, digest, racy));
    if (!racy) {
      hashed.set(true);
    }
    return digest;
  }

  /**
   * The cached digest of {@code file} if its entry is still valid for {@code attributes} (an {@code
   * lstat} of it), marking the entry used; the file is never read.
   */
  public @Nullable String cached(Path file, StatAttributes attributes) {
    return cached(file.toAbsolutePath().toString(), attributes);
  }

  private @Nullable String cached(String key, StatAttributes attributes) {
    looked.set(true);
    StatEntry e = used.get(key);
    if (e != null && e.matches(attributes)) {
      return e.digest();
    }
    e = saved.get(key);
    if (e != null && e.matches(attributes)) {
      used.put(key, e);
      return e.digest();
    }
    return null;
  }

  /**
   * Saves atomically (temp file + rename) if anything changed, keeping only the entries used in
   * this run. A run that looked nothing up leaves the file as it is.
   */
  @Override
  public void close() throws IOException {
    if (!looked.get()) {
      return;
    }
    Map<String, StatEntry> keep = new HashMap<>(used.size() * 4 / 3 + 1);
    used.forEach(
        (k, e) -> {
          if (!e.racy()) {
            keep.put(k, e);
          }
        });
    if (hashed.get() || keep.size() != saved.size()) {
      StatCacheFile.save(file, keep);
    }
  }
}
