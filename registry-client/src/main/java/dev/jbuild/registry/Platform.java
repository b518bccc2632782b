package dev.jbuild.registry;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The os/architecture/variant to pick from an image index. */
public record Platform(String os, String architecture, @Nullable String variant) {

  /** The platform of this JVM in Go's naming (linux/amd64, linux/arm64/v8, ...). */
  public static Platform current() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        return new Platform("linux", "amd64", null);
      case "aarch64":
      case "arm64":
        return new Platform("linux", "arm64", null);
      case "x86":
      case "i386":
      case "i686":
        return new Platform("linux", "386", null);
      default:
        return new Platform("linux", arch, null);
    }
  }

  /** Parses {@code os/arch[/variant]} as given to {@code --platform}. */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "invalid platform \"" + text + "\": expected OS/ARCH[/VARIANT], e.g. linux/amd64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  boolean matches(String os, String architecture, @Nullable String variant) {
    if (!this.os.equals(os) || !this.architecture.equals(architecture)) {
      return false;
    }
    String wanted = this.variant;
    if (wanted == null) {
      return true;
    }
    // arm64 images without a variant are v8.
    String have = variant == null && architecture.equals("arm64") ? "v8" : variant;
    return wanted.equals(have);
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
