package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.ast.GoText;
import dev.jbuild.dockerfile.ignore.IgnorePattern;
import dev.jbuild.dockerfile.ignore.PathClean;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .dockerignore}: reading rules and matching of the reference (moby/patternmatcher):
 * {@code #} comments, blank lines skipped, leading {@code /} dropped, paths cleaned, {@code **},
 * {@code !} re-includes, last match wins, a path is excluded when it or a parent matches.
 */
public final class DockerIgnore {
  private static final DockerIgnore EMPTY = new DockerIgnore(List.of(), List.of());

  private final List<String> patterns;
  private final List<IgnorePattern> compiled;
  private volatile @Nullable PrefixHits lastParent;

  private DockerIgnore(List<String> patterns, List<IgnorePattern> compiled) {
    this.patterns = List.copyOf(patterns);
    this.compiled = List.copyOf(compiled);
  }

  /** Nothing excluded. */
  public static DockerIgnore empty() {
    return EMPTY;
  }

  /**
   * {@code <Dockerfile>.dockerignore} beside the Dockerfile wins over {@code
   * <context>/.dockerignore}; pass null for a file that does not exist.
   */
  public static DockerIgnore resolve(
      @Nullable String dockerfileSpecificText, @Nullable String contextIgnoreText)
      throws IgnoreFileException {
    if (dockerfileSpecificText != null) {
      return parse(dockerfileSpecificText);
    }
    return contextIgnoreText != null ? parse(contextIgnoreText) : EMPTY;
  }

  /** Reads and compiles a {@code .dockerignore} text. */
  public static DockerIgnore parse(String text) throws IgnoreFileException {
    return of(readPatterns(text));
  }

  /** Compiles an already-read pattern list. */
  public static DockerIgnore of(List<String> patterns) throws IgnoreFileException {
    List<IgnorePattern> compiled = new ArrayList<>();
    for (String p : patterns) {
      IgnorePattern c = IgnorePattern.compile(p);
      if (c != null) {
        compiled.add(c);
      }
    }
    return new DockerIgnore(patterns, compiled);
  }

  /** The reference reader: the pattern list a text yields (a lone {@code !} is kept). */
  public static List<String> readPatterns(String text) {
    List<String> out = new ArrayList<>();
    boolean first = true;
    for (String line : text.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      first = false;
      if (line.startsWith("#")) {
        continue;
      }
      String p = GoText.trimSpace(line);
      if (p.isEmpty()) {
        continue;
      }
      boolean invert = p.charAt(0) == '!';
      if (invert) {
        p = GoText.trimSpace(p.substring(1));
      }
      if (!p.isEmpty()) {
        p = PathClean.clean(p);
        if (p.length() > 1 && p.charAt(0) == '/') {
          p = p.substring(1);
        }
      }
      out.add(invert ? "!" + p : p);
    }
    return out;
  }

  public List<String> patterns() {
    return patterns;
  }

  /** Whether {@code path} (slash-separated, relative to the context) or a parent is excluded. */
  public boolean matches(String path) {
    String parent = PathClean.dir(path);
    boolean[] parentHits = parent.equals(".") ? null : prefixHits(parent);
    boolean matched = false;
    for (int i = 0; i < compiled.size(); i++) {
      IgnorePattern pattern = compiled.get(i);
      if (pattern.exclusion() != matched) {
        continue;
      }
      if (pattern.matches(path) || (parentHits != null && parentHits[i])) {
        matched = !pattern.exclusion();
      }
    }
    return matched;
  }

  /** For each pattern, whether it matches {@code parent} or one of its ancestors. */
  private boolean[] prefixHits(String parent) {
    PrefixHits last = lastParent;
    if (last != null && last.parent().equals(parent)) {
      return last.hits();
    }
    boolean[] hits = new boolean[compiled.size()];
    String[] dirs = parent.split("/", -1);
    for (int i = 0; i < hits.length; i++) {
      StringBuilder prefix = new StringBuilder();
      for (int d = 0; d < dirs.length && !hits[i]; d++) {
        prefix.append(d == 0 ? "" : "/").append(dirs[d]);
        hits[i] = compiled.get(i).matches(prefix.toString());
      }
    }
    // A context walk asks about every file of one directory in a row: remember the last one.
    lastParent = new PrefixHits(parent, hits);
    return hits;
  }

  private record PrefixHits(String parent, boolean[] hits) {}

  /**
   * Whether the context walker must enter {@code dir}: false only when {@code dir} is excluded and
   * no {@code !} pattern could re-include anything below it.
   */
  public boolean walkInto(String dir) {
    if (!matches(dir)) {
      return true;
    }
    String dirSlash = dir.endsWith("/") ? dir : dir + "/";
    for (IgnorePattern pattern : compiled) {
      if (!pattern.exclusion()) {
        continue;
      }
      String prefix = pattern.literalPrefix();
      if (prefix.startsWith(dirSlash) || dirSlash.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
