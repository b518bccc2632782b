package dev.jbuild.cli.progress;

import java.io.PrintWriter;
import java.time.Clock;

/** Creates the display for a resolved {@link ProgressMode}. */
public final class ProgressFactory {
  private ProgressFactory() {}

  public static Progress create(ProgressMode mode, PrintWriter out) {
    switch (mode) {
      case QUIET:
        return new QuietProgress();
      case RAWJSON:
        return new RawJsonProgress(out, Clock.systemUTC());
      case TTY:
        return new TtyProgress(out, System::nanoTime);
      case PLAIN:
      case AUTO:
      default:
        return new PlainProgress(out, System::nanoTime);
    }
  }
}
