package dev.jbuild.rootless;

import java.util.ArrayList;
import java.util.List;

/** Parser for /etc/subuid and /etc/subgid lines: {@code name-or-uid:start:count}. */
final class SubordinateIds {
  record Range(long start, long count) {}

  private SubordinateIds() {}

  /** The ranges granted to the user, matched by name or by numeric uid, in file order. */
  static List<Range> rangesOf(String userName, long uid, String fileText) {
    List<Range> ranges = new ArrayList<>();
    for (String raw : fileText.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":");
      if (fields.length != 3 || !isUser(fields[0], userName, uid)) {
        continue;
      }
      Range range = parse(fields[1], fields[2]);
      if (range != null) {
        ranges.add(range);
      }
    }
    return ranges;
  }

  private static boolean isUser(String field, String userName, long uid) {
    return field.equals(userName) || field.equals(Long.toString(uid));
  }

  private static @org.jspecify.annotations.Nullable Range parse(String start, String count) {
    try {
      long s = Long.parseLong(start);
      long c = Long.parseLong(count);
      return s >= 0 && c > 0 ? new Range(s, c) : null;
    } catch (NumberFormatException e) {
      return null; // shadow's tools skip malformed lines too
    }
  }
}
