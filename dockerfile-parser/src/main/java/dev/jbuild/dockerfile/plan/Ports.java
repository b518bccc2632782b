package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.InvalidInstructionException;
import java.util.Locale;
import java.util.Set;

/** EXPOSE values after expansion: {@code port[-port][/tcp|udp|sctp]}. */
final class Ports {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  private Ports() {}

  static void check(String spec) throws InvalidInstructionException {
    int slash = spec.indexOf('/');
    String range = slash < 0 ? spec : spec.substring(0, slash);
    String proto = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (!PROTOCOLS.contains(proto)) {
      throw new InvalidInstructionException(
          "invalid proto: " + proto, "EXPOSE takes port[/tcp|/udp|/sctp], e.g. 8080/tcp");
    }
    int dash = range.indexOf('-');
    int low = port(dash < 0 ? range : range.substring(0, dash), spec);
    int high = dash < 0 ? low : port(range.substring(dash + 1), spec);
    if (high < low) {
      throw new InvalidInstructionException(
          "invalid range specified for container port: " + spec, "write the low port first");
    }
  }

  private static int port(String text, String spec) throws InvalidInstructionException {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      throw new InvalidInstructionException(
          "invalid containerPort: " + spec, "EXPOSE takes port numbers, e.g. EXPOSE 80 443/udp");
    }
    int v = Integer.parseInt(text);
    if (v > 65535) {
      throw new InvalidInstructionException(
          "invalid containerPort: " + spec, "ports go from 0 to 65535");
    }
    return v;
  }
}
