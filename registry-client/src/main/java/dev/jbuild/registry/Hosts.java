package dev.jbuild.registry;

import okhttp3.HttpUrl;

/** Host rules: what counts as loopback, and where credentials may be sent. */
final class Hosts {
  private Hosts() {}

  /** {@code registry} is host[:port] as in a reference; IPv6 hosts are in brackets. */
  static String hostOnly(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(1, end);
    }
    int colon = registry.indexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? hostOnly(host) : host;
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Credentials go over TLS, or in the clear only to this machine. */
  static void checkCredentialsAllowed(HttpUrl url, String registry) {
    if (!url.isHttps() && !isLoopback(url.host())) {
      throw new RegistryAuthException(
          "authenticate to "
              + registry
              + ": refusing to send credentials over plain HTTP to "
              + url.host()
              + "; serve the registry over HTTPS");
    }
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
