package dev.jbuild.layer;

import java.util.Comparator;

/** Normalizing and ordering paths inside a layer. */
final class LayerPaths {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  /** Component-wise order: a directory's whole subtree follows it, opaque marker first. */
  static final Comparator<String> ORDER = LayerPaths::compare;

  private LayerPaths() {}

  /**
   * {@code /a//b/./c/} → {@code a/b/c}; rejects {@code ..}, empty and NUL-containing names, and
   * names that are tar whiteout markers (those are made by {@code whiteout}/{@code opaque}).
   */
  static String normalize(String path) {
    if (path.indexOf('\0') >= 0) {
      throw new LayerException("layer path " + printable(path) + " contains a NUL byte");
    }
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new LayerException("layer path " + printable(path) + " contains \"..\"");
      }
      if (part.startsWith(WHITEOUT_PREFIX)) {
        throw new LayerException(
            "layer path "
                + printable(path)
                + " uses the reserved whiteout prefix \".wh.\": use whiteout()/opaque()");
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    if (sb.length() == 0) {
      throw new LayerException("layer path " + printable(path) + " names the root directory");
    }
    return sb.toString();
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String printable(String path) {
    return "\"" + path.replace("\0", "\\0").replace("\n", "\\n") + "\"";
  }

  // Compares name by name without allocating: a big COPY sorts thousands of paths.
  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ea = end(a, i);
      int eb = end(b, j);
      int c = compareName(a, i, ea, b, j, eb);
      if (c != 0) {
        return c;
      }
      i = ea + 1;
      j = eb + 1;
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int end(String s, int from) {
    int slash = s.indexOf('/', from);
    return slash < 0 ? s.length() : slash;
  }

  /** Names a[i, ea) and b[j, eb): the opaque marker first, then as String.compareTo. */
  private static int compareName(String a, int i, int ea, String b, int j, int eb) {
    boolean oa = isOpaque(a, i, ea);
    boolean ob = isOpaque(b, j, eb);
    if (oa || ob) {
      return oa == ob ? 0 : (oa ? -1 : 1);
    }
    int n = Math.min(ea - i, eb - j);
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(i + k);
      char cb = b.charAt(j + k);
      if (ca != cb) {
        return ca - cb;
      }
    }
    return (ea - i) - (eb - j);
  }

  private static boolean isOpaque(String s, int from, int end) {
    return end - from == OPAQUE.length() && s.startsWith(OPAQUE, from);
  }
}
