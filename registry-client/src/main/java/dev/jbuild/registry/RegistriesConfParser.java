package dev.jbuild.registry;

import java.util.ArrayList;
import java.util.List;

/** Reads the TOML subset registries.conf uses: tables, arrays of tables, strings, booleans. */
final class RegistriesConfParser {
  private final String source;
  private final List<RegistriesConf.Entry> entries = new ArrayList<>();
  private EntryDraft current = new EntryDraft();
  private boolean inRegistry;
  private MirrorDraft mirror = new MirrorDraft();
  private boolean inMirror;
  private boolean inOtherTable;
  private int line;

  RegistriesConfParser(String source) {
    this.source = source;
  }

  private static final class EntryDraft {
    String prefix = "";
    String location = "";
    boolean insecure;
    boolean blocked;
    final List<RegistriesConf.Mirror> mirrors = new ArrayList<>();
  }

  private static final class MirrorDraft {
    String location = "";
    boolean insecure;
  }

  RegistriesConf parse(String text) {
    for (String raw : text.split("\n", -1)) {
      line++;
      String l = stripComment(raw).strip();
      if (!l.isEmpty()) {
        parseLine(l);
      }
    }
    finishRegistry();
    return new RegistriesConf(entries);
  }

  private void parseLine(String l) {
    if (l.equals("[[registry]]")) {
      finishRegistry();
      inRegistry = true;
      inOtherTable = false;
    } else if (l.equals("[[registry.mirror]]")) {
      if (!inRegistry) {
        throw error("[[registry.mirror]] must follow a [[registry]] table");
      }
      finishMirror();
      inMirror = true;
    } else if (l.startsWith("[")) {
      finishRegistry();
      inOtherTable = true;
    } else {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw error("expected `key = value`, found \"" + l + "\"");
      }
      assign(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
    }
  }

  private void assign(String key, String value) {
    if (inOtherTable || (!inRegistry && !inMirror)) {
      checkValue(value);
      return; // top-level keys such as unqualified-search-registries do not concern us
    }
    if (inMirror) {
      switch (key) {
        case "location" -> mirror.location = string(value);
        case "insecure" -> mirror.insecure = bool(value);
        default -> checkValue(value);
      }
      return;
    }
    switch (key) {
      case "prefix" -> current.prefix = string(value);
      case "location" -> current.location = string(value);
      case "insecure" -> current.insecure = bool(value);
      case "blocked" -> current.blocked = bool(value);
      default -> checkValue(value);
    }
  }

  private void finishMirror() {
    if (inMirror) {
      if (mirror.location.isEmpty()) {
        throw error("[[registry.mirror]] needs a location");
      }
      current.mirrors.add(new RegistriesConf.Mirror(mirror.location, mirror.insecure));
    }
    mirror = new MirrorDraft();
    inMirror = false;
  }

  private void finishRegistry() {
    finishMirror();
    if (inRegistry) {
      String prefix = current.prefix.isEmpty() ? current.location : current.prefix;
      if (prefix.isEmpty()) {
        throw error("[[registry]] needs a location or prefix");
      }
      entries.add(
          new RegistriesConf.Entry(
              prefix, current.location, current.insecure, current.blocked, current.mirrors));
    }
    current = new EntryDraft();
    inRegistry = false;
  }

  private String string(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    throw error("expected a quoted string, found " + value);
  }

  private boolean bool(String value) {
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    throw error("expected true or false, found " + value);
  }

  private void checkValue(String value) {
    if (value.isEmpty()) {
      throw error("missing value");
    }
  }

  private static String stripComment(String raw) {
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return raw.substring(0, i);
      }
    }
    return raw;
  }

  private RegistryException error(String what) {
    return new RegistryException(source + ":" + line + ": " + what);
  }
}
