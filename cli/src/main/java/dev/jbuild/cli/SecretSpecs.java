package dev.jbuild.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --secret id=ID,src=FILE} (also {@code source=}, and {@code type=file}), as buildx reads
 * it.
 */
final class SecretSpecs {
  private SecretSpecs() {}

  static Map<String, Path> parse(List<String> specs) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String id = null;
      String src = null;
      for (String field : spec.split(",")) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
          throw new UsageError("--secret \"" + spec + "\": expected id=ID,src=FILE");
        }
        String k = field.substring(0, eq).trim();
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
}
