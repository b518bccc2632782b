package dev.jbuild.registry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where pulled content goes (the local store, a layout). Only verified files are handed over: the
 * client downloads into {@link #tempDirectory()}, checks digest and size, then calls {@link
 * #accept}.
 */
public interface BlobSink {
  /** True when the content is already present, so the pull skips it. */
  boolean has(String digest) throws IOException;

  /** A directory on the same file system as the final location, so accept can rename. */
  Path tempDirectory();

  /**
   * Takes a file whose content has been verified to match {@code digest}; usually moves it into
   * place. The client deletes the file afterwards if it still exists.
   */
  void accept(String digest, Path verifiedFile) throws IOException;
}
