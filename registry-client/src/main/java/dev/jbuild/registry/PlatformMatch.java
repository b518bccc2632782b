package dev.jbuild.registry;

import dev.jbuild.image.Platform;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which index entry a requested platform selects, and this machine's default platform. */
final class PlatformMatch {
  private PlatformMatch() {}

  /** The platform of this JVM in Go's naming (linux/amd64, linux/arm64, ...). */
  static Platform current() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        return Platform.of("linux", "amd64", null);
      case "aarch64":
      case "arm64":
        return Platform.of("linux", "arm64", null);
      case "x86":
      case "i386":
      case "i686":
        return Platform.of("linux", "386", null);
      default:
        return Platform.of("linux", arch, null);
    }
  }

  static boolean matches(
      Platform wanted, String os, String architecture, @Nullable String variant) {
    if (!wanted.os().equals(os) || !wanted.architecture().equals(architecture)) {
      return false;
    }
    String want = wanted.variant();
    if (want == null) {
      return true;
    }
    // arm64 images without a variant are v8.
    String have = variant == null && architecture.equals("arm64") ? "v8" : variant;
    return want.equals(have);
  }
}
