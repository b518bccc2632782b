package dev.jbuild.dockerfile.instructions;

import dev.jbuild.dockerfile.InvalidInstructionException;
import dev.jbuild.dockerfile.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses one {@code RUN --mount} CSV value into a {@link Mount} with BuildKit's defaults. */
public final class MountSpecs {
  private static final List<String> KEYS =
      List.of(
          "type",
          "from",
          "source",
          "target",
          "readonly",
          "id",
          "sharing",
          "required",
          "size",
          "mode",
          "uid",
          "gid",
          "src",
          "dst",
          "destination",
          "ro",
          "rw",
          "readwrite",
          "env");
  private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");

  private MountSpecs() {}

  /** Values are taken as already expanded. */
  public static Mount parse(String spec) throws InvalidInstructionException {
    return parseFields(spec, Csv.fields(spec));
  }

  /** Parses already split (and expanded) {@code key=value} fields of {@code spec}. */
  public static Mount parseFields(String spec, List<String> fields)
      throws InvalidInstructionException {
    return new Builder(spec).build(fields);
  }

  private static final class Builder {
    private final String spec;
    private Mount.Type type = Mount.Type.BIND;
    private @Nullable String target;
    private @Nullable String source;
    private @Nullable String from;
    private @Nullable Boolean readOnly;
    private @Nullable String id;
    private @Nullable String sharing;
    private @Nullable Integer mode;
    private @Nullable Integer uid;
    private @Nullable Integer gid;
    private boolean required;
    private long size;
    private @Nullable String env;

    Builder(String spec) {
      this.spec = spec;
    }

    Mount build(List<String> fields) throws InvalidInstructionException {
      for (String field : fields) {
        field(field);
      }
      return finish();
    }

    private void field(String field) throws InvalidInstructionException {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (eq < 0) {
        flag(key, field);
        return;
      }
      String value = field.substring(eq + 1);
      switch (key) {
        case "type" -> type = type(value);
        case "from" -> from = value;
        case "source", "src" -> source = value;
        case "target", "dst", "destination" -> target = value;
        case "readonly", "ro" -> readOnly = bool(key, value);
        case "readwrite", "rw" -> readOnly = !bool(key, value);
        case "required" ->
            required = onlyFor(key, Mount.Type.SECRET, Mount.Type.SSH) && bool(key, value);
        case "size" -> size = onlyFor(key, Mount.Type.TMPFS) ? Sizes.ramInBytes(value) : 0;
        case "id" -> id = value;
        case "sharing" -> sharing = onlyFor(key, Mount.Type.CACHE) ? sharing(value) : null;
        case "mode" -> mode = number(key, value, 8);
        case "uid" -> uid = number(key, value, 10);
        case "gid" -> gid = number(key, value, 10);
        case "env" -> env = value;
        default ->
            throw new InvalidInstructionException(
                "unexpected key '" + key + "' in '" + field + "'" + Suggest.hint(key, KEYS),
                "RUN --mount keys: " + String.join(", ", KEYS));
      }
    }

    private void flag(String key, String field) throws InvalidInstructionException {
      switch (key) {
        case "readonly", "ro" -> readOnly = true;
        case "readwrite", "rw" -> readOnly = false;
        case "required" -> required = onlyFor(key, Mount.Type.SECRET, Mount.Type.SSH);
        default ->
            throw new InvalidInstructionException(
                "invalid field '" + field + "' must be a key=value pair",
                "write " + field + "=<value>");
      }
    }

    private boolean onlyFor(String key, Mount.Type... allowed) throws InvalidInstructionException {
      for (Mount.Type t : allowed) {
        if (t == type) {
          return true;
        }
      }
      throw new InvalidInstructionException(
          "unexpected key '" + key + "' for mount type '" + type.keyword() + "'",
          "put type= first; '" + key + "' applies to other mount types");
    }

    private Mount finish() throws InvalidInstructionException {
      boolean fileInfo =
          type == Mount.Type.SECRET || type == Mount.Type.SSH || type == Mount.Type.CACHE;
      if (!fileInfo && (mode != null || uid != null || gid != null)) {
        String which = mode != null ? "mode" : uid != null ? "uid" : "gid";
        throw new InvalidInstructionException(
            which + " not allowed for \"" + type.keyword() + "\" type mounts", null);
      }
      boolean ro =
          readOnly != null ? readOnly : !(type == Mount.Type.CACHE || type == Mount.Type.TMPFS);
      if (type == Mount.Type.SECRET) {
        secretChecks();
        if (id == null || id.isEmpty()) {
          id = source != null && !source.isEmpty() ? source : baseName(target);
        }
        if (target == null || target.isEmpty()) {
          target = "/run/secrets/" + id;
        }
      } else if (type == Mount.Type.SSH) {
        if (id == null || id.isEmpty()) {
          id = "default";
        }
      } else if (target == null || target.isEmpty()) {
        throw new InvalidInstructionException(
            "mount target not set in '" + spec + "'", "add target=<path in the container>");
      }
      if (type == Mount.Type.CACHE) {
        id = id == null || id.isEmpty() ? target : id;
        sharing = sharing == null ? "shared" : sharing;
      }
      return new Mount(
          type, target, source, from, ro, id, sharing, mode, uid, gid, required, size, env);
    }

    private void secretChecks() throws InvalidInstructionException {
      if (from != null) {
        throw new InvalidInstructionException("secret mount should not have a from", null);
      }
      boolean noSource = source == null || source.isEmpty();
      boolean noTarget = target == null || target.isEmpty();
      boolean noId = id == null || id.isEmpty();
      if (noSource && noTarget && noId) {
        throw new InvalidInstructionException(
            "one of source, target required", "write --mount=type=secret,id=<secret id>");
      }
      if (!noSource && !noId) {
        throw new InvalidInstructionException("both source and id can't be set", null);
      }
    }
  }

  private static Mount.Type type(String value) throws InvalidInstructionException {
    String v = value.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(v)) {
      throw new InvalidInstructionException(
          "unsupported mount type \"" + value + "\"" + Suggest.hint(v, TYPES),
          "mount types: " + String.join(", ", TYPES));
    }
    return Mount.Type.valueOf(v.toUpperCase(Locale.ROOT));
  }

  private static String sharing(String value) throws InvalidInstructionException {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("shared") && !v.equals("private") && !v.equals("locked")) {
      throw new InvalidInstructionException(
          "unrecognized sharing mode " + value, "use sharing=shared, private or locked");
    }
    return v;
  }

  private static boolean bool(String key, String value) throws InvalidInstructionException {
    switch (value) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new InvalidInstructionException(
            "invalid value for " + key + ": " + value, "use " + key + "=true or " + key + "=false");
    }
  }

  private static Integer number(String key, String value, int radix)
      throws InvalidInstructionException {
    try {
      long v = Long.parseLong(value, radix);
      if (v < 0 || v > 0xFFFFFFFFL || value.startsWith("+")) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new InvalidInstructionException(
          "invalid value " + value + " for " + key,
          radix == 8
              ? "mode is octal, e.g. mode=0755"
              : key + " is a number, e.g. " + key + "=1000");
    }
  }

  private static String baseName(@Nullable String path) {
    if (path == null) {
      return "";
    }
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 || p.equals("/") ? p : p.substring(slash + 1);
  }

  /** Go's {@code encoding/csv} for one record: fields, with {@code "..."} quoting. */
  public static final class Csv {
    private Csv() {}

    public static List<String> fields(String line) throws InvalidInstructionException {
      List<String> out = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int i = 0;
      while (true) {
        field.setLength(0);
        if (i < line.length() && line.charAt(i) == '"') {
          i = quoted(line, i + 1, field);
          if (i < line.length() && line.charAt(i) != ',') {
            throw new InvalidInstructionException(
                "failed to parse csv mounts: extraneous or missing \" in quoted-field", null);
          }
        } else {
          int comma = line.indexOf(',', i);
          int end = comma < 0 ? line.length() : comma;
          String raw = line.substring(i, end);
          if (raw.indexOf('"') >= 0) {
            throw new InvalidInstructionException(
                "failed to parse csv mounts: bare \" in non-quoted-field", null);
          }
          field.append(raw);
          i = end;
        }
        out.add(field.toString());
        if (i >= line.length()) {
          return out;
        }
        i++;
      }
    }

    private static int quoted(String line, int start, StringBuilder field)
        throws InvalidInstructionException {
      int i = start;
      while (i < line.length()) {
        char c = line.charAt(i++);
        if (c != '"') {
          field.append(c);
        } else if (i < line.length() && line.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          return i;
        }
      }
      throw new InvalidInstructionException(
          "failed to parse csv mounts: extraneous or missing \" in quoted-field", null);
    }
  }
}
