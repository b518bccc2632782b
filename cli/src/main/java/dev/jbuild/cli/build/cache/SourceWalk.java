package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.SourceTree;
import dev.jbuild.cli.build.copy.StatAttributes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lists what COPY would copy for its source arguments, in the same walk as {@code CopyPlanner}: a
 * matched path is resolved following symlinks inside the tree; a directory contributes its contents
 * recursively (excluded paths skipped, excluded directories entered only when they may hold
 * re-included paths); symlinks below a matched directory are entries of their own.
 */
final class SourceWalk {
  private final SourceTree tree;
  private final List<SourceEntry> entries = new ArrayList<>();

  private SourceWalk(SourceTree tree) {
    this.tree = tree;
  }

  /** The entries for {@code sources} in a stable order: by argument, match, then path. */
  static List<SourceEntry> walk(SourceTree tree, List<String> sources) throws IOException {
    SourceWalk walk = new SourceWalk(tree);
    for (int i = 0; i < sources.size(); i++) {
      for (String matched : tree.match(sources.get(i))) {
        walk.matched(i, matched);
      }
    }
    return walk.entries;
  }

  private void matched(int source, String matched) throws IOException {
    Path real = tree.resolve(matched);
    StatAttributes a = StatAttributes.read(real);
    tree.watch().saw(real, a);
    add(source, matched, "", real, a);
    if (a.isDirectory()) {
      contents(source, matched, "", real, tree.root().relativize(real).toString());
    }
  }

  /**
   * Walks {@code dir}, whose path relative to the tree's root is {@code rel}. Builds each child's
   * root-relative path by string concatenation and asks the tree's matchers directly, with the
   * rules of {@link SourceTree#mayHoldIncluded} and {@link SourceTree#isExcluded}: relativizing a
   * {@code Path} per entry was the largest cost of a warm walk.
   */
  private void contents(int source, String matched, String prefix, Path dir, String rel)
      throws IOException {
    for (String name : sortedNames(dir)) {
      String childRel = rel.isEmpty() ? name : rel + "/" + name;
      boolean excluded = tree.excluded().test(childRel);
      // Cheaper than a stat: an excluded path that cannot hold re-included ones is skipped
      // whatever it is (COPY skips excluded files and such directories alike).
      if (excluded && !tree.walkInto().test(childRel)) {
        continue;
      }
      Path child = dir.resolve(name);
      String path = prefix.isEmpty() ? name : prefix + "/" + name;
      StatAttributes a = StatAttributes.read(child);
      tree.watch().saw(child, a);
      if (a.isDirectory()) {
        add(source, matched, path, child, a);
        contents(source, matched, path, child, childRel);
      } else if (!excluded) {
        add(source, matched, path, child, a);
      }
    }
  }

  private void add(int source, String matched, String path, Path real, StatAttributes a)
      throws IOException {
    String link = null;
    if (a.isSymbolicLink()) {
      link = Files.readSymbolicLink(real).toString();
    } else if (!a.isDirectory() && !a.isRegularFile()) {
      throw new IOException(real + ": cannot copy special file (device, socket or fifo)");
    }
    entries.add(new SourceEntry(source, matched, path, real, a, link));
  }

  private static String[] sortedNames(Path dir) throws IOException {
    String[] names = dir.toFile().list();
    if (names == null) {
      // File.list hides the reason; let the NIO call throw it (permission denied, ...).
      try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
        return sortedNames(list);
      }
    }
    Arrays.sort(names);
    return names;
  }

  private static String[] sortedNames(DirectoryStream<Path> list) {
    List<String> names = new ArrayList<>();
    for (Path p : list) {
      names.add(p.getFileName().toString());
    }
    String[] sorted = names.toArray(new String[0]);
    Arrays.sort(sorted);
    return sorted;
  }
}
