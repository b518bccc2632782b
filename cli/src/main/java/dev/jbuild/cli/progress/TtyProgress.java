package dev.jbuild.cli.progress;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A live display like BuildKit's tty mode: one line per step with its timer; a running step shows
 * its last few output lines, folded away once it finishes. A failed step's full output is printed
 * after the display.
 */
public final class TtyProgress implements Progress {
  private static final int SHOWN_LOG_LINES = 6;
  private static final String CLEAR_LINE = "\033[2K";

  private final PrintWriter out;
  private final LongSupplier clock;
  private final long started;
  private final List<TtyTask> tasks = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final ScheduledExecutorService ticker;
  private int drawnLines;
  private boolean closed;

  public TtyProgress(PrintWriter out, LongSupplier nanoClock) {
    this.out = out;
    this.clock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "jbuild-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized Task start(String name) {
    TtyTask task = new TtyTask(name, clock.getAsLong());
    tasks.add(task);
    redraw();
    return task;
  }

  @Override
  public synchronized void message(String line) {
    messages.add(line);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      redraw();
      closed = true;
      for (TtyTask t : tasks) {
        if (t.error != null && !t.allLogs.isEmpty()) {
          out.println("------");
          out.println(" > " + t.name + ":");
          t.allLogs.forEach(l -> out.println(l));
          out.println("------");
        }
      }
      messages.forEach(out::println);
      out.flush();
    }
  }

  private synchronized void redraw() {
    if (closed) {
      return;
    }
    List<String> lines = render();
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 0) {
      sb.append("\033[").append(drawnLines).append('A');
    }
    for (String line : lines) {
      sb.append('\r').append(CLEAR_LINE).append(line).append('\n');
    }
    out.print(sb);
    out.flush();
    drawnLines = lines.size();
  }

  private List<String> render() {
    long now = clock.getAsLong();
    long finished = tasks.stream().filter(t -> t.finished).count();
    List<String> lines = new ArrayList<>();
    lines.add(
        "[+] Building "
            + Durations.seconds(now - started)
            + " ("
            + finished
            + "/"
            + tasks.size()
            + ")");
    for (TtyTask t : tasks) {
      String time = Durations.seconds((t.finished ? t.ended : now) - t.begun);
      String prefix = t.cached ? "=> CACHED " : t.error != null ? "=> ERROR " : "=> ";
      lines.add(prefix + t.name + (t.cached ? "" : "  " + time));
      if (!t.finished) {
        t.tail.forEach(l -> lines.add("=> => # " + l));
      }
    }
    return lines;
  }

  private final class TtyTask implements Task {
    final String name;
    final long begun;
    long ended;
    boolean finished;
    boolean cached;
    @Nullable String error;
    final Deque<String> tail = new ArrayDeque<>();
    final List<String> allLogs = new ArrayList<>();
    final StringBuilder partial = new StringBuilder();

    TtyTask(String name, long begun) {
      this.name = name;
      this.begun = begun;
    }

    @Override
    public void log(String text) {
      synchronized (TtyProgress.this) {
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          addLine(partial.substring(0, nl));
          partial.delete(0, nl + 1);
        }
      }
    }

    private void addLine(String line) {
      allLogs.add(line);
      tail.addLast(line);
      while (tail.size() > SHOWN_LOG_LINES) {
        tail.removeFirst();
      }
    }

    @Override
    public void cached() {
      end(true, null);
    }

    @Override
    public void done() {
      end(false, null);
    }

    @Override
    public void failed(String reason) {
      end(false, reason);
    }

    private void end(boolean wasCached, @Nullable String reason) {
      synchronized (TtyProgress.this) {
        if (partial.length() > 0) {
          addLine(partial.toString());
          partial.setLength(0);
        }
        cached = wasCached;
        error = reason;
        ended = clock.getAsLong();
        finished = true;
        redraw();
      }
    }
  }
}
