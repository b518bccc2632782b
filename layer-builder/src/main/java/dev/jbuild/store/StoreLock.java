package dev.jbuild.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a file, across processes (fcntl via {@link FileChannel#lock}) and across
 * threads of this JVM. POSIX drops all of a process's locks on a file when any descriptor of it is
 * closed, so no thread may even open a lock file another thread of this JVM holds: the JVM-wide
 * {@link #HELD} set (the one piece of static state, mirroring the kernel's per-process lock table)
 * guards that.
 */
final class StoreLock implements AutoCloseable {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocks until the lock is held. */
  static StoreLock acquire(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    while (!HELD.add(key)) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for lock " + file);
      }
    }
    try {
      FileChannel ch = open(key);
      try {
        return new StoreLock(key, ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
  }

  /** The lock, or null when another process or thread holds it. */
  static @Nullable StoreLock tryAcquire(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      return null;
    }
    try {
      FileChannel ch = open(key);
      FileLock l = ch.tryLock();
      if (l != null) {
        return new StoreLock(key, ch, l);
      }
      ch.close();
    } catch (IOException | RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
    HELD.remove(key);
    return null;
  }

  private static FileChannel open(Path key) throws IOException {
    return FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD.remove(key);
    }
  }
}
