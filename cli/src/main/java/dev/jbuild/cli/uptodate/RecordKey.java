package dev.jbuild.cli.uptodate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a build's up-to-date record is keyed by: the jbuild jar, the user, the working directory,
 * the command line and the environment variables a build reads. The whole text is stored in the
 * record and compared, so the file name only has to spread records out; nothing is hashed on the
 * fast path.
 *
 * @param text everything above, one field per line
 */
public record RecordKey(String text) {
  private static final String VERSION = "jbuild up-to-date record v2";

  /**
   * The variables every build reads: where the store is, the reproducible time, and the marker of a
   * build re-executed in a user namespace. (Registry, rootless and progress settings are read too
   * but cannot change the image of a build that ran and pulled nothing.) A new {@code env.get} on
   * the build path must be added here.
   */
  private static final List<String> READ_ENV =
      List.of("HOME", "XDG_DATA_HOME", "SOURCE_DATE_EPOCH", "JBUILD_USERNS");

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
    for (Map.Entry<String, String> e : readEnv(args, env).entrySet()) {
      b.append(e.getKey()).append('=').append(e.getValue()).append('\0');
    }
    return new RecordKey(b.toString());
  }

  /**
   * {@link #READ_ENV}, and every variable an argument names: {@code --build-arg NAME} (or {@code
   * --build-arg=NAME}) takes NAME's value from the environment. Any argument that is a variable's
   * name counts, a superset that needs no flag parsing.
   */
  private static Map<String, String> readEnv(List<String> args, Map<String, String> env) {
    Map<String, String> used = new TreeMap<>();
    for (String name : READ_ENV) {
      put(used, env, name);
    }
    for (String a : args) {
      put(used, env, a);
      put(used, env, a.substring(a.indexOf('=') + 1));
    }
    return used;
  }

  private static void put(Map<String, String> used, Map<String, String> env, String name) {
    String v = env.get(name);
    if (v != null) {
      used.put(name, v);
    }
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
