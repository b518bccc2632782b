package dev.jbuild.rootless;

/** One line of a uid_map/gid_map: {@code count} ids from {@code inside} map to {@code outside}. */
public record IdRange(long inside, long outside, long count) {
  public IdRange {
    if (inside < 0 || outside < 0 || count <= 0) {
      throw new IllegalArgumentException(
          "invalid id range " + inside + " " + outside + " " + count);
    }
  }

  /** The form newuidmap/newgidmap take as arguments and /proc/PID/uid_map takes as a line. */
  public String asMapLine() {
    return inside + " " + outside + " " + count;
  }
}
