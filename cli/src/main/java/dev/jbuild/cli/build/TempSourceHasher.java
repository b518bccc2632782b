package dev.jbuild.cli.build;

import dev.jbuild.cli.build.cache.CacheKeyBuilder;
import dev.jbuild.cli.build.copy.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** TEMPORARY until the stat-cache digester lands: reads every source file. */
final class TempSourceHasher implements SourceHasher {
  @Override
  public String digest(SourceTree tree, List<String> sources) throws IOException {
    CacheKeyBuilder b = new CacheKeyBuilder("sources");
    for (String s : sources) {
      for (String rel : tree.match(s)) {
        Path real = tree.resolve(rel);
        b.add(rel);
        try (Stream<Path> walk = Files.walk(real)) {
          for (Path p : walk.sorted().toList()) {
            if (tree.isExcluded(p)) {
              continue;
            }
            b.add(real.relativize(p).toString());
            b.add(Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS).toString());
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
              b.add(Files.readAllBytes(p));
            } else if (Files.isSymbolicLink(p)) {
              b.add(Files.readSymbolicLink(p).toString());
            }
          }
        }
      }
    }
    return b.build();
  }
}
