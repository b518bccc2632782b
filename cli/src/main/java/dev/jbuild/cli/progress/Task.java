package dev.jbuild.cli.progress;

/** One step on the progress display. Exactly one of cached, done or failed ends it. */
public interface Task {

  /** A chunk of the step's output (RUN's stdout and stderr), already decoded. */
  void log(String text);

  /** The step was answered from the build cache. */
  void cached();

  /** The step finished. */
  void done();

  /** The step failed with a one-line reason. */
  void failed(String reason);
}
