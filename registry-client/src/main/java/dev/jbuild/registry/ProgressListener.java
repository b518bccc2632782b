package dev.jbuild.registry;

/** Per-blob events for progress display; called from worker threads. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** How a blob was dealt with. */
  enum Outcome {
    DOWNLOADED,
    UPLOADED,
    MOUNTED,
    ALREADY_PRESENT
  }

  default void started(String digest, long size) {}

  default void transferred(String digest, long bytesSoFar, long size) {}

  default void finished(String digest, Outcome outcome) {}
}
