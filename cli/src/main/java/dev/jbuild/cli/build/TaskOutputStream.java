package dev.jbuild.cli.build;

import dev.jbuild.cli.progress.Task;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Feeds a step's output to its progress task, a line at a time (partial lines on close). */
final class TaskOutputStream extends OutputStream {
  private final Task task;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  TaskOutputStream(Task task) {
    this.task = task;
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line.write(b, start, i + 1 - start);
        flushLine();
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  private void flushLine() {
    task.log(line.toString(StandardCharsets.UTF_8));
    line.reset();
  }

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      flushLine();
    }
  }
}
