package dev.jbuild.dockerfile.ignore;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Clean} and {@code path.Dir} for slash-separated paths. */
public final class PathClean {
  private PathClean() {}

  public static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    if (isClean(path)) {
      return path;
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Already clean: no empty, "." or ".." element and no trailing slash (most walked paths). */
  private static boolean isClean(String path) {
    if (path.endsWith("/") && path.length() > 1) {
      return false;
    }
    int start = path.startsWith("/") ? 1 : 0;
    int len = path.length();
    while (start <= len) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = len;
      }
      int n = end - start;
      if (n == 0 && len > 1) {
        return false;
      }
      if ((n == 1 && path.charAt(start) == '.')
          || (n == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  public static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return clean(path.substring(0, slash + 1));
  }
}
