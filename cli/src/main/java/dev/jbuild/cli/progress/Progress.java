package dev.jbuild.cli.progress;

/**
 * Where a build reports its steps. One {@link Task} per step (a BuildKit "vertex"); safe to use
 * from several threads, since independent stages run in parallel.
 */
public interface Progress extends AutoCloseable {

  /** Starts a numbered step, e.g. {@code [2/5] COPY src/ /app/}. */
  Task start(String name);

  /** A message that belongs to no step (warnings, the final image ID). */
  void message(String line);

  /** Flushes and finishes the display. */
  @Override
  void close();
}
