package dev.jbuild.cli.progress;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * BuildKit's plain output: {@code #N name}, each log line prefixed with the step number and its
 * offset in seconds, then {@code #N DONE 0.3s}, {@code #N CACHED} or {@code #N ERROR: reason}.
 */
public final class PlainProgress implements Progress {
  private final PrintWriter out;
  private final LongSupplier clock;
  private final AtomicInteger next = new AtomicInteger(1);

  public PlainProgress(PrintWriter out, LongSupplier nanoClock) {
    this.out = out;
    this.clock = nanoClock;
  }

  @Override
  public Task start(String name) {
    int id = next.getAndIncrement();
    print("#" + id + " " + name);
    return new PlainTask(id, clock.getAsLong());
  }

  @Override
  public void message(String line) {
    print(line);
  }

  @Override
  public void close() {
    out.flush();
  }

  private void print(String s) {
    synchronized (out) {
      out.println(s);
      out.flush();
    }
  }

  private final class PlainTask implements Task {
    private final int id;
    private final long started;
    private final StringBuilder partial = new StringBuilder();

    PlainTask(int id, long started) {
      this.id = id;
      this.started = started;
    }

    @Override
    public synchronized void log(String text) {
      partial.append(text);
      int nl;
      while ((nl = partial.indexOf("\n")) >= 0) {
        emit(partial.substring(0, nl));
        partial.delete(0, nl + 1);
      }
    }

    private void emit(String line) {
      String offset = Durations.secondsPrecise(clock.getAsLong() - started);
      print("#" + id + " " + offset + " " + line);
    }

    private synchronized void flushPartial() {
      if (partial.length() > 0) {
        emit(partial.toString());
        partial.setLength(0);
      }
    }

    @Override
    public void cached() {
      print("#" + id + " CACHED\n");
    }

    @Override
    public void done() {
      flushPartial();
      print("#" + id + " DONE " + Durations.seconds(clock.getAsLong() - started) + "\n");
    }

    @Override
    public void failed(String reason) {
      flushPartial();
      print("#" + id + " ERROR: " + reason + "\n");
    }
  }
}
