package dev.jbuild.cli;

import dev.jbuild.cli.spec.CsvFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --secret id=ID,src=FILE} (also {@code source=}, and {@code type=file}), as buildx reads
 * it: a CSV record (a quoted value may hold commas), keys in any case.
 */
final class SecretSpecs {
  private SecretSpecs() {}

  static Map<String, Path> parse(List<String> specs) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String id = null;
      String src = null;
      List<String> fields =
          CsvFields.split(
              spec, () -> new UsageError("--secret \"" + spec + "\": a quote is not closed"));
      for (String field : fields) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
          throw new UsageError("--secret \"" + spec + "\": expected id=ID,src=FILE");
        }
        String k = field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String v = field.substring(eq + 1).trim();
        switch (k) {
          case "id" -> id = v;
          case "src", "source" -> src = v;
          case "type" -> {
            if (!v.equals("file")) {
              throw new UsageError("--secret \"" + spec + "\": only type=file is supported");
            }
          }
          default -> throw new UsageError("--secret \"" + spec + "\": unknown field \"" + k + "\"");
        }
      }
      if (id == null || id.isEmpty() || src == null || src.isEmpty()) {
        throw new UsageError("--secret \"" + spec + "\": expected id=ID,src=FILE");
      }
      Path file = Path.of(src).toAbsolutePath();
      if (!Files.isRegularFile(file)) {
        throw new UsageError("--secret id=" + id + ": " + src + " is not a readable file");
      }
      out.put(id, file);
    }
    return out;
  }

  /** {@code --ssh default} (uses $SSH_AUTH_SOCK) or {@code --ssh ID=SOCKET}. */
  static Map<String, Path> parseSsh(List<String> specs, Map<String, String> env) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String id = eq < 0 ? spec : spec.substring(0, eq);
      String socket = eq < 0 ? env.get("SSH_AUTH_SOCK") : spec.substring(eq + 1);
      if (id.isEmpty() || socket == null || socket.isEmpty()) {
        throw new UsageError(
            "--ssh \"" + spec + "\": expected ID=SOCKET, or default with SSH_AUTH_SOCK set");
      }
      Path p = Path.of(socket).toAbsolutePath();
      if (!Files.exists(p)) {
        throw new UsageError("--ssh " + id + ": " + socket + " does not exist");
      }
      out.put(id, p);
    }
    return out;
  }
}
