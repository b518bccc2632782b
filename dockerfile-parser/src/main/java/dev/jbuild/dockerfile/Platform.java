package dev.jbuild.dockerfile;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** An OCI platform {@code os/architecture[/variant]}, as in {@code --platform}. */
public record Platform(String os, String architecture, @Nullable String variant) {

  /** Parses {@code linux/amd64} or {@code linux/arm/v7}. */
  public static Platform parse(String text) throws BuildPlanException {
    String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new BuildPlanException(
          "invalid platform " + text, "write os/arch[/variant], e.g. linux/amd64 or linux/arm/v7");
    }
    return new Platform(
        parts[0], parts[1], parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
