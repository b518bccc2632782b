package dev.jbuild.cli.build;

import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code user[:group]} (names or numbers, as in {@code --chown} and USER) against the
 * image's {@code /etc/passwd} and {@code /etc/group}, as BuildKit does: a user name alone takes the
 * user's primary group; a uid alone takes gid = uid.
 */
record Ownership(int uid, int gid) {
  static final Ownership ROOT = new Ownership(0, 0);

  /**
   * @param readFile reads a file of the image ("etc/passwd"), empty when it does not exist
   */
  static Ownership resolve(String spec, Function<String, Optional<String>> readFile) {
    String user = spec;
    String group = null;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      user = spec.substring(0, colon);
      group = spec.substring(colon + 1);
    }
    if (user.isEmpty()) {
      throw new IllegalArgumentException("invalid user \"" + spec + "\": the user part is empty");
    }
    int uid;
    Integer primaryGid = null;
    if (isNumber(user)) {
      uid = Integer.parseInt(user);
    } else {
      String name = user;
      String[] entry =
          findEntry(readFile.apply("etc/passwd"), name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unable to find user " + name + ": no matching entries in passwd file"));
      uid = Integer.parseInt(entry[2]);
      primaryGid = Integer.parseInt(entry[3]);
    }
    int gid;
    if (group == null || group.isEmpty()) {
      gid = primaryGid != null ? primaryGid : primaryGidOf(uid, readFile).orElse(uid);
    } else if (isNumber(group)) {
      gid = Integer.parseInt(group);
    } else {
      String g = group;
      gid =
          findEntry(readFile.apply("etc/group"), g)
              .map(e -> Integer.parseInt(e[2]))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unable to find group " + g + ": no matching entries in group file"));
    }
    return new Ownership(uid, gid);
  }

  /**
   * The supplementary groups docker gives a USER: every group in {@code /etc/group} that lists the
   * user's name as a member (none for a numeric user without a passwd entry).
   */
  static java.util.List<Long> supplementaryGroups(
      String spec, Function<String, Optional<String>> readFile) {
    String user = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    String name = isNumber(user) ? nameOf(user, readFile) : user;
    Optional<String> groups = readFile.apply("etc/group");
    java.util.List<Long> out = new java.util.ArrayList<>();
    if (name == null || groups.isEmpty()) {
      return out;
    }
    for (String line : groups.get().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && isNumber(f[2]) && java.util.List.of(f[3].split(",")).contains(name)) {
        out.add(Long.parseLong(f[2]));
      }
    }
    return out;
  }

  private static @org.jspecify.annotations.Nullable String nameOf(
      String uid, Function<String, Optional<String>> readFile) {
    Optional<String> passwd = readFile.apply("etc/passwd");
    if (passwd.isEmpty()) {
      return null;
    }
    for (String line : passwd.get().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[2].equals(uid)) {
        return f[0];
      }
    }
    return null;
  }

  private static Optional<Integer> primaryGidOf(
      int uid, Function<String, Optional<String>> readFile) {
    Optional<String> passwd = readFile.apply("etc/passwd");
    if (passwd.isEmpty()) {
      return Optional.empty();
    }
    for (String line : passwd.get().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[2].equals(Integer.toString(uid)) && isNumber(f[3])) {
        return Optional.of(Integer.parseInt(f[3]));
      }
    }
    return Optional.empty();
  }

  private static Optional<String[]> findEntry(Optional<String> file, String name) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    for (String line : file.get().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[0].equals(name) && isNumber(f[2])) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return Long.parseLong(s) <= Integer.MAX_VALUE;
  }
}
