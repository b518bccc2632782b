package dev.jbuild.cli.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Docker's port specs: {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}. */
final class PortSpecs {
  private PortSpecs() {}

  static List<String> expand(String spec) {
    String port = spec;
    String proto = "tcp";
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      port = spec.substring(0, slash);
      proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    int dash = port.indexOf('-');
    int first = parse(dash < 0 ? port : port.substring(0, dash), spec);
    int last = dash < 0 ? first : parse(port.substring(dash + 1), spec);
    if (last < first) {
      throw new IllegalArgumentException("invalid range specified for port: " + spec);
    }
    List<String> out = new ArrayList<>();
    for (int p = first; p <= last; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  private static int parse(String s, String spec) {
    try {
      int p = Integer.parseInt(s);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port \"" + s + "\" in EXPOSE " + spec, e);
    }
  }
}
