package dev.jbuild.cli.uptodate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a build's up-to-date record is keyed by: the jbuild jar, the user, the working directory,
 * the command line and the environment. The whole text is stored in the record and compared, so the
 * file name only has to spread records out; nothing is hashed on the fast path.
 *
 * @param text everything above, one field per line
 */
public record RecordKey(String text) {
  private static final String VERSION = "jbuild up-to-date record v1";

  /**
   * Shell bookkeeping that changes between identical commands and that no build reads ({@code PWD}
   * is the working directory, keyed on its own).
   */
  private static final Set<String> VOLATILE_ENV = Set.of("_", "OLDPWD", "SHLVL", "PWD");

  /**
   * @param jar the jbuild code this process runs, with its size and time (a rebuilt jar may build
   *     differently)
   */
  public static RecordKey of(
      String jar, int uid, Path cwd, List<String> args, Map<String, String> env) {
    StringBuilder b = new StringBuilder(VERSION).append('\n');
    b.append(jar).append('\n').append(uid).append('\n').append(cwd).append('\n');
    for (String a : args) {
      b.append(a).append('\0');
    }
    b.append('\n');
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!VOLATILE_ENV.contains(e.getKey())) {
        b.append(e.getKey()).append('=').append(e.getValue()).append('\0');
      }
    }
    return new RecordKey(b.toString());
  }

  /** The record's file name: 16 hex digits of a 64-bit FNV-1a hash of the text. */
  public String fileName() {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex + ".bin";
  }
}
