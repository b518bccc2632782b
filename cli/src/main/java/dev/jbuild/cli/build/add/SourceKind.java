package dev.jbuild.cli.build.add;

import java.util.Locale;
import java.util.regex.Pattern;

/** Where an ADD source comes from, told apart as BuildKit's Dockerfile frontend does. */
public enum SourceKind {
  LOCAL,
  HTTP,
  GIT;

  /** {@code user@host:path}, the scp-like form git accepts for ssh. */
  private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");

  public static SourceKind of(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("git://")
        || lower.startsWith("ssh://")
        || SCP_LIKE.matcher(source).find()) {
      return GIT;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return repositoryPath(source).endsWith(".git") ? GIT : HTTP;
    }
    return LOCAL;
  }

  /** The URL without its query and {@code #fragment}. */
  private static String repositoryPath(String url) {
    String s = url;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    int query = s.indexOf('?');
    if (query >= 0) {
      s = s.substring(0, query);
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code source} with the password of a {@code scheme://user:password@host} URL masked. */
  static String redact(String source) {
    int scheme = source.indexOf("://");
    if (scheme < 0) {
      return source;
    }
    int hostStart = scheme + 3;
    int slash = source.indexOf('/', hostStart);
    int end = slash < 0 ? source.length() : slash;
    int at = source.lastIndexOf('@', end - 1);
    if (at < hostStart) {
      return source;
    }
    int colon = source.indexOf(':', hostStart);
    if (colon < 0 || colon > at) {
      return source;
    }
    return source.substring(0, colon + 1) + "xxxxx" + source.substring(at);
  }
}
