package dev.jbuild.cli.build;

import dev.jbuild.image.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The config changes of metadata instructions, as docker build writes them. Pure functions. */
final class ConfigEdits {
  private ConfigEdits() {}

  /** ENV: replaces a variable in place or appends it, keeping docker's order. */
  static ContainerConfig env(ContainerConfig c, Map<String, String> vars) {
    List<String> env = new ArrayList<>(c.env() == null ? List.of() : c.env());
    vars.forEach(
        (k, v) -> {
          String entry = k + "=" + v;
          int i = indexOf(env, k);
          if (i >= 0) {
            env.set(i, entry);
          } else {
            env.add(entry);
          }
        });
    return c.withEnv(env);
  }

  /** The value of {@code name} in a {@code K=V} list, or null. */
  static @Nullable String lookup(@Nullable List<String> env, String name) {
    if (env == null) {
      return null;
    }
    int i = indexOf(env, name);
    return i < 0 ? null : env.get(i).substring(name.length() + 1);
  }

  private static int indexOf(List<String> env, String name) {
    for (int i = 0; i < env.size(); i++) {
      String e = env.get(i);
      if (e.startsWith(name + "=") || e.equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static ContainerConfig labels(ContainerConfig c, Map<String, String> add) {
    Map<String, String> labels = new LinkedHashMap<>(c.labels() == null ? Map.of() : c.labels());
    labels.putAll(add);
    return c.withLabels(labels);
  }

  /** EXPOSE: "80" → "80/tcp", protocols lower-cased, ranges expanded as docker does. */
  static ContainerConfig expose(ContainerConfig c, List<String> specs) {
    TreeSet<String> ports = new TreeSet<>(c.exposedPorts() == null ? List.of() : c.exposedPorts());
    for (String spec : specs) {
      ports.addAll(PortSpecs.expand(spec));
    }
    return c.withExposedPorts(ports);
  }

  static ContainerConfig volumes(ContainerConfig c, List<String> paths) {
    TreeSet<String> volumes = new TreeSet<>(c.volumes() == null ? List.of() : c.volumes());
    for (String p : paths) {
      if (p.isBlank()) {
        throw new IllegalArgumentException("VOLUME specified can not be an empty string");
      }
      volumes.add(p);
    }
    return c.withVolumes(volumes);
  }

  /** WORKDIR: relative paths join the current one; the result is cleaned. */
  static String workdir(@Nullable String current, String path) {
    String joined = path.startsWith("/") ? path : (current == null ? "/" : current) + "/" + path;
    return cleanAbsolute(joined);
  }

  static String cleanAbsolute(String path) {
    List<String> parts = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(seg);
      }
    }
    return "/" + String.join("/", parts);
  }
}
