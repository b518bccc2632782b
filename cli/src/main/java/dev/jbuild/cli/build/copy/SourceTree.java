package dev.jbuild.cli.build.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files a COPY can read: the build context (minus .dockerignore'd paths), a named build context, or
 * another stage's filesystem. Paths are '/'-separated and relative to the tree's root.
 *
 * @param root the directory on disk
 * @param excluded paths hidden from the build (the .dockerignore matcher), relative to root
 * @param walkInto whether an excluded directory may still hold re-included paths ({@code !x})
 * @param description how errors name this tree ("build context", "stage builder")
 * @param watch told about every path of the tree that matching and walking depend on
 */
public record SourceTree(
    Path root,
    Predicate<String> excluded,
    Predicate<String> walkInto,
    String description,
    PathWatch watch) {

  public SourceTree(
      Path root, Predicate<String> excluded, Predicate<String> walkInto, String description) {
    this(root, excluded, walkInto, description, PathWatch.NONE);
  }

  public static SourceTree of(Path root, String description) {
    return new SourceTree(root, p -> false, p -> true, description);
  }

  /** This tree, reporting what is read of it to {@code w}. */
  public SourceTree watchedBy(PathWatch w) {
    return new SourceTree(root, excluded, walkInto, description, w);
  }

  /** Whether a directory must be walked: not excluded, or re-included paths may be inside. */
  public boolean mayHoldIncluded(Path dir) {
    String rel = ScopedResolver.relativize(root, dir);
    return rel.isEmpty() || !excluded.test(rel) || walkInto.test(rel);
  }

  /** Matches one source argument (with wildcards) to the paths it names, sorted. */
  public List<String> match(String source) throws IOException {
    String cleaned = clean(source);
    if (!GlobPattern.hasMeta(cleaned)) {
      Path real = resolve(cleaned);
      if (!ScopedResolver.exists(real) || isExcluded(real)) {
        throw new SourceNotFoundException(cleaned, description);
      }
      return List.of(cleaned);
    }
    List<String> hits = new ArrayList<>();
    expand("", cleaned.isEmpty() ? new String[0] : cleaned.split("/"), 0, hits);
    if (hits.isEmpty()) {
      throw new SourceNotFoundException(cleaned, description);
    }
    hits.sort(null);
    return hits;
  }

  /** Resolves a matched path to where it really is on disk, following symlinks inside root. */
  public Path resolve(String relative) throws IOException {
    Path real = ScopedResolver.resolve(root, relative, true, watch);
    watch.lookedUp(real);
    return real;
  }

  public boolean isExcluded(Path real) {
    String rel = ScopedResolver.relativize(root, real);
    return !rel.isEmpty() && excluded.test(rel);
  }

  private void expand(String prefix, String[] segs, int i, List<String> hits) throws IOException {
    if (i == segs.length) {
      hits.add(prefix);
      return;
    }
    String seg = segs[i];
    String next = prefix.isEmpty() ? "" : prefix + "/";
    if (!GlobPattern.hasMeta(seg)) {
      Path real = resolve(next + seg);
      if (ScopedResolver.exists(real) && !isExcluded(real)) {
        expand(next + seg, segs, i + 1, hits);
      }
      return;
    }
    Path dir = resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    for (String name : names) {
      if (GlobPattern.matches(seg, name) && !isExcluded(dir.resolve(name))) {
        expand(next + name, segs, i + 1, hits);
      }
    }
  }

  /** Cleans a source argument as BuildKit does: leading '/' and "./" dropped, ".." clamped. */
  public static String clean(String source) {
    List<String> out = new ArrayList<>();
    for (String seg : source.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(seg);
    }
    return String.join("/", out);
  }
}
