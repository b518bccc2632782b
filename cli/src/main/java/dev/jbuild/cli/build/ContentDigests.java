package dev.jbuild.cli.build;

import dev.jbuild.cli.build.copy.StatAttributes;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Content digests this build already knows (from hashing COPY sources), without reading files. */
@FunctionalInterface
interface ContentDigests {
  /** A digest known for {@code file} as it is now, or null. */
  @Nullable Known known(Path file) throws IOException;

  /**
   * A file's content digest and the {@code lstat} it is valid for.
   *
   * @param sha256 hex digest of the content
   */
  record Known(String sha256, StatAttributes stat) {}

  ContentDigests NONE = file -> null;
}
