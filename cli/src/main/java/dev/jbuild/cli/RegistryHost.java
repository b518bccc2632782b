package dev.jbuild.cli;

import dev.jbuild.registry.ImageReference;
import java.util.Locale;

/** What users type for a registry in login/logout: a host, a URL, or docker.io's aliases. */
final class RegistryHost {
  private RegistryHost() {}

  static String normalize(String text) {
    String h = text.strip();
    int scheme = h.indexOf("://");
    if (scheme >= 0) {
      h = h.substring(scheme + 3);
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    String lower = h.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      throw new UsageError("registry \"" + text + "\" has no host name");
    }
    if (lower.equals("index.docker.io")
        || lower.equals("registry-1.docker.io")
        || lower.equals(ImageReference.DOCKER_HUB)) {
      return ImageReference.DOCKER_HUB;
    }
    return h;
  }
}
