package dev.jbuild.cli;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --root}: where the local store lives, shared by every command that uses it. */
final class StoreOptions {
  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Store location (default: $XDG_DATA_HOME/jbuild, or ~/.local/share/jbuild).")
  @Nullable Path root;

  Path storeRoot(Map<String, String> env) {
    if (root != null) {
      return root.toAbsolutePath();
    }
    return defaultRoot(env);
  }

  /** The store used without {@code --root}. */
  static Path defaultRoot(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "jbuild");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".local", "share", "jbuild");
  }
}
