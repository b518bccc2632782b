package dev.jbuild.cli.uptodate;

import dev.jbuild.cli.progress.Progress;
import dev.jbuild.cli.progress.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Passes a build's progress on and keeps what it showed, for the build's record to replay. */
final class RecordingProgress implements Progress {
  private final Progress display;
  private final List<Line> lines = new ArrayList<>();

  RecordingProgress(Progress display) {
    this.display = display;
  }

  @Override
  public Task start(String name) {
    Line line = new Line(name);
    synchronized (lines) {
      lines.add(line);
    }
    return new RecordingTask(display.start(name), line);
  }

  @Override
  public void message(String text) {
    Line line = new Line(text);
    line.kind = ReplayLine.Kind.MESSAGE;
    synchronized (lines) {
      lines.add(line);
    }
    display.message(text);
  }

  @Override
  public void close() {
    display.close();
  }

  /** What was shown, in order; empty when a step had not ended cached or done. */
  Optional<List<ReplayLine>> replay() {
    List<ReplayLine> out = new ArrayList<>();
    synchronized (lines) {
      for (Line l : lines) {
        ReplayLine.Kind kind = l.kind;
        if (kind == null) {
          return Optional.empty();
        }
        out.add(new ReplayLine(kind, l.text));
      }
    }
    return Optional.of(out);
  }

  private static final class Line {
    final String text;
    volatile ReplayLine.@Nullable Kind kind;

    Line(String text) {
      this.text = text;
    }
  }

  private static final class RecordingTask implements Task {
    private final Task task;
    private final Line line;

    RecordingTask(Task task, Line line) {
      this.task = task;
      this.line = line;
    }

    @Override
    public void log(String text) {
      task.log(text);
    }

    @Override
    public void cached() {
      line.kind = ReplayLine.Kind.CACHED;
      task.cached();
    }

    @Override
    public void done() {
      line.kind = ReplayLine.Kind.DONE;
      task.done();
    }

    @Override
    public void failed(String reason) {
      line.kind = null;
      task.failed(reason);
    }
  }
}
