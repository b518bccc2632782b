package dev.jbuild.dockerfile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} ("1m30s", "1.5h", "300ms"), as HEALTHCHECK accepts and as buildah
 * takes {@code --cache-ttl}.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d*\\.?\\d*)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** Parses {@code text}; a bad spelling or an overflow is an IllegalArgumentException. */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty() || s.length() > 64) {
      throw invalid(text);
    }
    Matcher m = PART.matcher(s);
    BigDecimal total = BigDecimal.ZERO;
    int pos = 0;
    while (pos < s.length()) {
      m.region(pos, s.length());
      if (!m.lookingAt()) {
        throw invalid(text);
      }
      String number = m.group(1);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(text);
      }
      total =
          total.add(
              new BigDecimal(number)
                  .multiply(BigDecimal.valueOf(NANOS.getOrDefault(m.group(2), 0L))));
      pos = m.end();
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    long nanos = total.longValue();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
  }
}
