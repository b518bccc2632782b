package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.InvalidInstructionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The builder flags one instruction accepts, validated like BuildKit's {@code BFlags}. */
final class Flags {
  enum Kind {
    BOOL,
    STRING,
    STRINGS
  }

  private final String instruction;
  private final Map<String, Kind> declared = new LinkedHashMap<>();
  private final Map<String, List<String>> values = new HashMap<>();

  Flags(String instruction) {
    this.instruction = instruction;
  }

  Flags declare(String name, Kind kind) {
    declared.put(name, kind);
    return this;
  }

  /** Validates {@code args} (each {@code --name[=value]}) against the declared flags. */
  Flags parse(List<String> args) throws InvalidInstructionException {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw error("arg should start with -- : " + arg, null);
      }
      if (arg.equals("--")) {
        return this;
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? "" : body.substring(eq + 1);
      Kind kind = declared.get(name);
      if (kind == null) {
        String suggestion = Suggest.closest(name, declared.keySet());
        throw error(
            "unknown flag: " + name + Suggest.hint(name, declared.keySet()),
            suggestion != null
                ? "use --" + suggestion
                : declared.isEmpty()
                    ? instruction + " takes no flags"
                    : instruction + " accepts: --" + String.join(", --", declared.keySet()));
      }
      if (values.containsKey(name) && kind != Kind.STRINGS) {
        throw error("duplicate flag specified: " + name, "give --" + name + " only once");
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value(name, kind, eq >= 0, value));
    }
    return this;
  }

  private String value(String name, Kind kind, boolean hasValue, String value)
      throws InvalidInstructionException {
    if (kind == Kind.BOOL) {
      if (hasValue && value.isEmpty()) {
        throw error(
            "missing a value on flag: " + name, "write --" + name + " or --" + name + "=true");
      }
      String v = value.toLowerCase(Locale.ROOT);
      if (v.isEmpty() || v.equals("true")) {
        return "true";
      }
      if (v.equals("false")) {
        return "false";
      }
      throw error(
          "expecting boolean value for flag " + name + ", not: " + value,
          "use --" + name + "=true or --" + name + "=false");
    }
    if (!hasValue) {
      throw error("missing a value on flag: " + name, "write --" + name + "=<value>");
    }
    return value;
  }

  @Nullable String string(String name) {
    List<String> v = values.get(name);
    return v == null ? null : v.get(0);
  }

  List<String> strings(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  boolean bool(String name) {
    return "true".equals(string(name));
  }

  @Nullable Boolean optionalBool(String name) {
    String v = string(name);
    return v == null ? null : Boolean.valueOf(v);
  }

  private InvalidInstructionException error(String message, @Nullable String hint) {
    return new InvalidInstructionException(message, hint);
  }
}
