package dev.jbuild.rootless;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Docker's default capability set, which RUN steps get as root. */
final class Capabilities {
  static final List<String> DOCKER_DEFAULT =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  private Capabilities() {}

  /** The set as setpriv's {@code --bounding-set} argument, optionally without CAP_MKNOD. */
  static String setprivBoundingSet(boolean withMknod) {
    return "-all,"
        + DOCKER_DEFAULT.stream()
            .filter(c -> withMknod || !c.equals("CAP_MKNOD"))
            .map(c -> "+" + c.substring(4).toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
  }
}
