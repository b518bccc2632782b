package dev.jbuild.cli;

import java.util.Locale;

/** Maps the JVM's names for the host to OCI platform names. */
final class PlatformNames {
  private PlatformNames() {}

  static String hostArchitecture() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "amd64";
      case "aarch64":
      case "arm64":
        return "arm64";
      case "arm":
        return "arm";
      case "ppc64le":
        return "ppc64le";
      case "s390x":
        return "s390x";
      case "riscv64":
        return "riscv64";
      default:
        return arch;
    }
  }

  static String hostPlatform() {
    return "linux/" + hostArchitecture();
  }
}
