package dev.jbuild.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The subcommands by name. Only the one being run is registered with picocli, because building the
 * model of every command and option is most of jbuild's start-up time; help lists them all.
 */
final class Commands {
  private Commands() {}

  static Map<String, Class<?>> all() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("build", BuildCommand.class);
    m.put("images", ImagesCommand.class);
    m.put("inspect", InspectCommand.class);
    m.put("tag", TagCommand.class);
    m.put("rmi", RmiCommand.class);
    m.put("prune", PruneCommand.class);
    m.put("du", DuCommand.class);
    m.put("pull", PullCommand.class);
    m.put("push", PushCommand.class);
    m.put("login", LoginCommand.class);
    m.put("logout", LogoutCommand.class);
    m.put("save", SaveCommand.class);
    m.put("load", LoadCommand.class);
    m.put("parse", ParseCommand.class);
    m.put("unshare", UnshareCommand.class);
    m.put("version", VersionCommand.class);
    return m;
  }

  /** Aliases picocli also accepts, mapped to their command's name. */
  static Map<String, String> aliases() {
    return Map.of("bud", "build");
  }

  /**
   * The subcommands to register for {@code args}: just the one being run; none for {@code
   * --version}; all of them for help, no arguments or a name picocli should suggest a fix for.
   */
  static Collection<Class<?>> toRegister(String[] args) {
    String name = name(args);
    if (name != null) {
      Class<?> c = all().get(name);
      return c == null ? all().values() : List.of(c);
    }
    boolean versionOnly = args.length > 0;
    for (String a : args) {
      versionOnly &= a.equals("--version") || a.equals("-V");
    }
    return versionOnly ? List.of() : all().values();
  }

  /** The name of the command {@code args} run (an alias resolved), or null if they name none. */
  static @Nullable String name(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return aliases().getOrDefault(a, a);
      }
    }
    return null;
  }
}
