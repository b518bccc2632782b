package dev.jbuild.cli.progress;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The {@code --progress} modes, as BuildKit names them. */
public enum ProgressMode {
  AUTO,
  TTY,
  PLAIN,
  QUIET,
  RAWJSON;

  /**
   * Picks the mode: the flag wins, then {@code BUILDKIT_PROGRESS}, then auto; auto is tty on a
   * terminal and plain otherwise. {@code quiet} (-q) forces quiet.
   */
  public static ProgressMode resolve(
      @Nullable String flag, @Nullable String env, boolean quiet, boolean terminal) {
    if (quiet) {
      return QUIET;
    }
    String chosen = flag != null && !flag.isEmpty() ? flag : env;
    ProgressMode mode = chosen == null || chosen.isEmpty() ? AUTO : parse(chosen);
    if (mode == AUTO) {
      return terminal ? TTY : PLAIN;
    }
    return mode;
  }

  public static ProgressMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid progress mode \"" + value + "\"; use auto, tty, plain, quiet or rawjson", e);
    }
  }
}
