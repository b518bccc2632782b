package dev.jbuild.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Sizes and ages the way docker and podman print them ({@code 7.85MB}, {@code 2 hours ago}). */
final class HumanUnits {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private HumanUnits() {}

  /** Decimal units with three significant digits, as go-units' HumanSize. */
  static String size(long bytes) {
    double v = bytes;
    int unit = 0;
    while (v >= 1000 && unit < UNITS.length - 1) {
      v /= 1000;
      unit++;
    }
    String digits = String.format(Locale.ROOT, "%.3g", v);
    if (digits.contains(".")) {
      digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return digits + UNITS[unit];
  }

  /** How long ago {@code then} was, relative to {@code now}. */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative()) {
      return "in the future";
    }
    return duration(d) + " ago";
  }

  private static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 1) {
      return "Less than a second";
    }
    if (s < 60) {
      return plural(s, "second");
    }
    long m = d.toMinutes();
    if (m == 1) {
      return "About a minute";
    }
    if (m < 60) {
      return plural(m, "minute");
    }
    long h = d.toHours();
    if (h == 1) {
      return "About an hour";
    }
    if (h < 48) {
      return plural(h, "hour");
    }
    long days = d.toDays();
    if (days < 14) {
      return plural(days, "day");
    }
    if (days < 60) {
      return plural(days / 7, "week");
    }
    if (days < 365 * 2) {
      return plural(days / 30, "month");
    }
    return plural(days / 365, "year");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
