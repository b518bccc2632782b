package dev.jbuild.cli.build.cache;

import dev.jbuild.registry.ImageReference;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code --cache-to} and {@code --cache-from} values of {@code docker buildx build}:
 * {@code type=registry,ref=REF[,mode=min|max]}, {@code type=local,dest=DIR[,mode=min|max]} (to),
 * {@code type=local,src=DIR} (from), and a bare {@code REF} meaning {@code type=registry,ref=REF}.
 * Mistakes throw {@link IllegalArgumentException} with a one-line message naming the flag, the
 * value and what to write instead.
 */
public final class CacheSpecs {
  private static final String TO = "--cache-to";
  private static final String FROM = "--cache-from";
  // buildx keys that describe what jbuild always does: true is accepted, false is refused.
  private static final List<String> ALWAYS_TRUE = List.of("oci-mediatypes", "image-manifest");
  private static final List<String> TO_ONLY =
      List.of("mode", "ignore-error", "oci-mediatypes", "image-manifest");

  private CacheSpecs() {}

  /** Parses one {@code --cache-to} value. */
  public static CacheSpec parseTo(String value) {
    return parse(TO, value);
  }

  /** Parses one {@code --cache-from} value. */
  public static CacheSpec parseFrom(String value) {
    return parse(FROM, value);
  }

  private static CacheSpec parse(String flag, String value) {
    if (value.isBlank()) {
      throw bad(flag, value, "empty value", "write type=registry,ref=REF or type=local,...");
    }
    if (!value.contains("=")) {
      return new CacheSpec.Registry(checkRef(flag, value, value), false, false);
    }
    Map<String, String> kv = CacheSpecLexer.keyValues(flag, value);
    String type = kv.remove("type");
    if (type == null) {
      throw bad(
          flag,
          value,
          "no type=",
          "write type=registry,ref=REF or type=local," + dirKey(flag) + "=DIR");
    }
    Options o = options(flag, value, kv);
    CacheSpec spec;
    if (type.equals("registry")) {
      String ref =
          required(flag, value, kv, "ref", "type=registry,ref=registry.example.com/app:cache");
      spec = new CacheSpec.Registry(checkRef(flag, value, ref), o.max, o.ignoreError);
    } else if (type.equals("local")) {
      spec = new CacheSpec.Local(localDir(flag, value, kv), o.max, o.ignoreError);
    } else {
      throw bad(
          flag,
          value,
          "unsupported cache type \"" + type + "\"",
          "use type=registry,ref=REF or type=local," + dirKey(flag) + "=DIR");
    }
    if (!kv.isEmpty()) {
      throw bad(
          flag,
          value,
          "unknown key \"" + kv.keySet().iterator().next() + "\"",
          "keys for type=" + type + ": " + known(flag, type));
    }
    return spec;
  }

  private record Options(boolean max, boolean ignoreError) {}

  // Takes the keys every type shares out of kv.
  private static Options options(String flag, String value, Map<String, String> kv) {
    if (flag.equals(FROM)) {
      for (String k : TO_ONLY) {
        if (kv.containsKey(k)) {
          throw bad(flag, value, k + "= applies to " + TO + " only", "drop it from " + FROM);
        }
      }
    }
    boolean max = mode(flag, value, kv.remove("mode"));
    boolean ignoreError = bool(flag, value, "ignore-error", kv.remove("ignore-error"));
    for (String k : ALWAYS_TRUE) {
      String v = kv.remove(k);
      if (v != null && !bool(flag, value, k, v)) {
        throw bad(
            flag,
            value,
            k + "=false is not supported",
            "jbuild always writes OCI media types in an OCI image manifest: drop " + k + "=false");
      }
    }
    return new Options(max, ignoreError);
  }

  private static Path localDir(String flag, String value, Map<String, String> kv) {
    String key = dirKey(flag);
    String other = key.equals("dest") ? "src" : "dest";
    if (kv.containsKey(other)) {
      throw bad(
          flag,
          value,
          other + "= is for " + (flag.equals(TO) ? FROM : TO),
          "write type=local," + key + "=DIR");
    }
    String dir = required(flag, value, kv, key, "type=local," + key + "=DIR");
    try {
      return Path.of(dir);
    } catch (InvalidPathException e) {
      throw bad(flag, value, "invalid path: " + e.getReason(), "give a directory path");
    }
  }

  private static String dirKey(String flag) {
    return flag.equals(TO) ? "dest" : "src";
  }

  private static String known(String flag, String type) {
    String main = type.equals("registry") ? "ref" : dirKey(flag);
    return flag.equals(TO)
        ? main + ", mode=min|max, ignore-error=true|false, oci-mediatypes=true, image-manifest=true"
        : main;
  }

  private static String required(
      String flag, String value, Map<String, String> kv, String key, String example) {
    String v = kv.remove(key);
    if (v == null || v.isEmpty()) {
      throw bad(flag, value, "missing " + key + "=", "write " + example);
    }
    return v;
  }

  private static boolean mode(String flag, String value, @Nullable String mode) {
    if (mode == null || mode.equals("min")) {
      return false;
    }
    if (mode.equals("max")) {
      return true;
    }
    throw bad(flag, value, "bad mode \"" + mode + "\"", "write mode=min or mode=max");
  }

  private static boolean bool(String flag, String value, String key, @Nullable String v) {
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw bad(
        flag,
        value,
        "bad " + key + " \"" + v + "\"",
        "write " + key + "=true or " + key + "=false");
  }

  private static String checkRef(String flag, String value, String ref) {
    try {
      ImageReference.parse(ref);
      return ref;
    } catch (IllegalArgumentException e) {
      throw bad(
          flag,
          value,
          "invalid ref: " + e.getMessage(),
          "write ref=registry.example.com/app:cache");
    }
  }

  static IllegalArgumentException bad(String flag, String value, String what, String fix) {
    return new IllegalArgumentException(flag + " \"" + value + "\": " + what + "; " + fix);
  }
}
