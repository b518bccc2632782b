package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Content to push: a digest, its exact size, and a way to read it (possibly more than once). */
public interface BlobSource {
  String digest();

  long size();

  /** Opens the content from its first byte; called again when an upload is retried. */
  InputStream open() throws IOException;

  /**
   * A repository on the target registry known to hold this blob already, so the push can mount it
   * instead of uploading; null when unknown.
   */
  default @Nullable ImageReference mountSource() {
    return null;
  }
}
