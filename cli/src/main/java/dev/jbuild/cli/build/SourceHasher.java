package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.SourceTree;
import java.io.IOException;
import java.util.List;

/** A digest of what COPY {@code sources} name in a tree: contents and metadata, never times. */
@FunctionalInterface
interface SourceHasher {
  String digest(SourceTree tree, List<String> sources) throws IOException;
}
