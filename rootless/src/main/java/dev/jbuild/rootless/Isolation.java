package dev.jbuild.rootless;

import java.util.Locale;

/** {@code --isolation}: how a RUN step is sandboxed. */
public enum Isolation {
  /** The best available: runc, else the built-in namespaces, else chroot as root. */
  AUTO,
  /** An OCI runtime bundle run by runc (or crun when chosen explicitly). */
  OCI,
  /** Built-in: unshare's pid/mount/uts/ipc(/net) namespaces and a chroot into the rootfs. */
  ROOTLESS,
  /** Plain chroot as root, for containers that forbid namespaces. */
  CHROOT;

  /** Parses the CLI spelling ({@code auto|oci|rootless|chroot}). */
  public static Isolation parse(String value) {
    for (Isolation i : values()) {
      if (i.cliName().equals(value)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown isolation '" + value + "': use one of auto, oci, rootless, chroot");
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
