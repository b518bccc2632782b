package dev.jbuild.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a file, across processes and across threads of this JVM. */
final class StoreLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocks until the lock is held. */
  static StoreLock acquire(Path file) throws IOException {
    while (true) {
      StoreLock l = tryAcquire(file);
      if (l != null) {
        return l;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for lock " + file);
      }
    }
  }

  /** The lock, or null when another process or thread holds it. */
  static @org.jspecify.annotations.Nullable StoreLock tryAcquire(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock l = ch.tryLock();
      if (l != null) {
        return new StoreLock(ch, l);
      }
    } catch (OverlappingFileLockException e) {
      // held by another thread of this JVM
    }
    ch.close();
    return null;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
