package dev.jbuild.cli.output;

import dev.jbuild.cli.spec.CsvFields;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads buildx's {@code -o/--output} forms and buildah's transport tags ({@code oci:}, {@code
 * oci-archive:}, {@code docker-archive:}) into {@link OutputTarget}s.
 */
public final class OutputSpecs {
  private OutputSpecs() {}

  /**
   * Parses one {@code --output} value. {@code imageNames} are the plain {@code -t} names, used as
   * the names inside archives when the spec has no {@code name=}.
   */
  public static OutputTarget parseOutput(String spec, List<String> imageNames) {
    if (!spec.contains("=")) {
      // buildx: "-o DIR" is type=local, "-o -" is a tar on stdout.
      return spec.equals("-")
          ? new OutputTarget.RootfsTar(Path.of("-"), true)
          : new OutputTarget.LocalDir(Path.of(spec));
    }
    Map<String, String> kv = keyValues(spec);
    String type = kv.getOrDefault("type", "");
    List<String> names = names(kv.get("name"), imageNames);
    switch (type) {
      case "local":
        return new OutputTarget.LocalDir(Path.of(required(kv, "dest", spec)));
      case "tar":
        {
          String dest = required(kv, "dest", spec);
          return new OutputTarget.RootfsTar(Path.of(dest), dest.equals("-"));
        }
      case "oci":
        {
          Path dest = Path.of(required(kv, "dest", spec));
          String ref = names.isEmpty() ? "latest" : tagOf(names.get(0));
          return isFalse(kv.get("tar"))
              ? new OutputTarget.OciLayoutDir(dest, ref)
              : new OutputTarget.OciArchive(dest, ref);
        }
      case "docker":
        return new OutputTarget.DockerArchive(Path.of(required(kv, "dest", spec)), names);
      case "registry":
      case "image":
        if (names.isEmpty()) {
          throw new OutputSpecException(
              "output \"" + spec + "\" needs name=<image reference> or a -t tag to push to");
        }
        if (type.equals("image") && !"true".equals(kv.get("push"))) {
          return new OutputTarget.StoreTag(names.get(0));
        }
        return new OutputTarget.Registry(names);
      case "":
        throw new OutputSpecException(
            "output \"" + spec + "\" has no type=; use type=oci|docker|local|tar|registry");
      default:
        throw new OutputSpecException(
            "unknown output type \""
                + type
                + "\" in \""
                + spec
                + "\"; use type=oci|docker|local|tar|registry");
    }
  }

  /**
   * Reads one {@code -t} value: a transport tag ({@code oci:DIR[:ref]}, {@code
   * oci-archive:FILE[:ref]}, {@code docker-archive:FILE[:ref]}), or else null for a plain image
   * name.
   */
  public static @Nullable OutputTarget parseTransportTag(String tag) {
    if (tag.startsWith("oci:")) {
      PathAndRef p = PathAndRef.split(tag.substring(4), "latest");
      return new OutputTarget.OciLayoutDir(Path.of(p.path()), p.ref());
    }
    if (tag.startsWith("oci-archive:")) {
      PathAndRef p = PathAndRef.split(tag.substring(12), "latest");
      return new OutputTarget.OciArchive(Path.of(p.path()), p.ref());
    }
    if (tag.startsWith("docker-archive:")) {
      PathAndRef p = PathAndRef.split(tag.substring(15), "");
      List<String> tags = p.ref().isEmpty() ? List.of() : List.of(p.ref());
      return new OutputTarget.DockerArchive(Path.of(p.path()), tags);
    }
    return null;
  }

  static Map<String, String> keyValues(String spec) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part :
        CsvFields.split(
            spec, () -> new OutputSpecException("unterminated quote in output \"" + spec + "\""))) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new OutputSpecException(
            "invalid output field \"" + part + "\" in \"" + spec + "\"; expected key=value");
      }
      kv.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
    }
    return kv;
  }

  private static List<String> names(@Nullable String nameField, List<String> imageNames) {
    if (nameField == null || nameField.isEmpty()) {
      return imageNames;
    }
    return List.of(nameField.split(","));
  }

  private static String required(Map<String, String> kv, String key, String spec) {
    String v = kv.get(key);
    if (v == null || v.isEmpty()) {
      throw new OutputSpecException("output \"" + spec + "\" needs " + key + "=<path>");
    }
    return v;
  }

  private static boolean isFalse(@Nullable String v) {
    return v != null && (v.equalsIgnoreCase("false") || v.equals("0"));
  }

  /** The tag part of an image name, as an OCI layout ref name ("latest" when absent). */
  static String tagOf(String name) {
    int at = name.indexOf('@');
    String noDigest = at >= 0 ? name.substring(0, at) : name;
    int colon = noDigest.lastIndexOf(':');
    int slash = noDigest.lastIndexOf('/');
    return colon > slash ? noDigest.substring(colon + 1) : "latest";
  }

  private record PathAndRef(String path, String ref) {
    /** containers/image splits "PATH:ref" at the first colon; the ref may hold more colons. */
    static PathAndRef split(String s, String defaultRef) {
      int colon = s.indexOf(':');
      if (colon > 0 && colon < s.length() - 1) {
        return new PathAndRef(s.substring(0, colon), s.substring(colon + 1));
      }
      return new PathAndRef(s, defaultRef);
    }
  }
}
