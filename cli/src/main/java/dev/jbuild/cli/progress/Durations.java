package dev.jbuild.cli.progress;

import java.util.Locale;

/** Formats step durations the way BuildKit prints them ("0.3s"). */
final class Durations {
  private Durations() {}

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }

  static String secondsPrecise(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }
}
