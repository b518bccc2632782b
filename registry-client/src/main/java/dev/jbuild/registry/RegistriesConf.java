package dev.jbuild.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The part of containers' {@code registries.conf} (v2) that jbuild honours: per-registry {@code
 * location} rewrites, {@code insecure}, {@code blocked}, and {@code [[registry.mirror]]} entries
 * tried before the registry itself when pulling.
 */
public record RegistriesConf(List<Entry> entries) {

  public static final RegistriesConf EMPTY = new RegistriesConf(List.of());

  /** One {@code [[registry]]} table. */
  public record Entry(
      String prefix, String location, boolean insecure, boolean blocked, List<Mirror> mirrors) {
    public Entry {
      mirrors = List.copyOf(mirrors);
    }
  }

  /** One {@code [[registry.mirror]]} table. */
  public record Mirror(String location, boolean insecure) {}

  public RegistriesConf {
    entries = List.copyOf(entries);
  }

  /**
   * Reads the first of {@code $CONTAINERS_REGISTRIES_CONF}, {@code
   * ~/.config/containers/registries.conf} and {@code /etc/containers/registries.conf} that exists.
   */
  public static RegistriesConf fromEnvironment() {
    return load(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/etc"));
  }

  static RegistriesConf load(Map<String, String> env, Path home, Path etc) {
    List<Path> candidates = new ArrayList<>();
    String explicit = env.get("CONTAINERS_REGISTRIES_CONF");
    if (explicit != null && !explicit.isEmpty()) {
      candidates.add(Path.of(explicit));
    }
    candidates.add(home.resolve(".config/containers/registries.conf"));
    candidates.add(etc.resolve("containers/registries.conf"));
    for (Path file : candidates) {
      if (Files.isRegularFile(file)) {
        try {
          return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
          throw new RegistryException("read " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return EMPTY;
  }

  /** Parses registries.conf text; errors name {@code source} and the line. */
  public static RegistriesConf parse(String text, String source) {
    return new RegistriesConfParser(source).parse(text);
  }

  /** The entry with the longest prefix matching {@code ref}, or null. */
  public @Nullable Entry find(ImageReference ref) {
    Entry best = null;
    for (Entry e : entries) {
      if (matches(e.prefix(), ref)
          && (best == null || e.prefix().length() > best.prefix().length())) {
        best = e;
      }
    }
    return best;
  }

  private static boolean matches(String prefix, ImageReference ref) {
    if (prefix.startsWith("*.")) {
      return ref.registry().endsWith(prefix.substring(1));
    }
    String name = ref.name();
    return name.equals(prefix) || name.startsWith(prefix + "/");
  }

  /** Where to pull {@code ref} from, mirrors first; fails when the registry is blocked. */
  public List<ImageReference> pullSources(ImageReference ref) {
    Entry e = find(ref);
    if (e == null) {
      return List.of(ref);
    }
    checkNotBlocked(e, ref);
    List<ImageReference> sources = new ArrayList<>();
    for (Mirror m : e.mirrors()) {
      sources.add(rewrite(ref, e.prefix(), m.location()));
    }
    sources.add(rewrite(ref, e.prefix(), e.location()));
    return sources;
  }

  /** Where to push {@code ref}: the entry's location; fails when the registry is blocked. */
  public ImageReference pushTarget(ImageReference ref) {
    Entry e = find(ref);
    if (e == null) {
      return ref;
    }
    checkNotBlocked(e, ref);
    return rewrite(ref, e.prefix(), e.location());
  }

  /** True when a registry entry or mirror for {@code host} is marked insecure. */
  public boolean insecure(String host) {
    for (Entry e : entries) {
      if (e.insecure() && hostOf(e.location()).equals(host)) {
        return true;
      }
      for (Mirror m : e.mirrors()) {
        if (m.insecure() && hostOf(m.location()).equals(host)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void checkNotBlocked(Entry e, ImageReference ref) {
    if (e.blocked()) {
      throw new RegistryException(
          "pull "
              + ref
              + ": registry \""
              + e.prefix()
              + "\" is blocked in registries.conf; remove `blocked = true` to use it");
    }
  }

  private static ImageReference rewrite(ImageReference ref, String prefix, String location) {
    if (prefix.startsWith("*.") || location.isEmpty() || location.equals(prefix)) {
      return ref;
    }
    String name = location + ref.name().substring(prefix.length());
    int slash = name.indexOf('/');
    return new ImageReference(
        name.substring(0, slash), name.substring(slash + 1), ref.tag(), ref.digest());
  }

  private static String hostOf(String location) {
    int slash = location.indexOf('/');
    return slash < 0 ? location : location.substring(0, slash);
  }
}
