package dev.jbuild.registry.testkit;

import dev.jbuild.registry.BlobSource;
import dev.jbuild.registry.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A blob in a file, with an optional mount source. */
public record FileBlob(String digest, long size, Path file, @Nullable ImageReference mountSource)
    implements BlobSource {

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  public FileBlob withMountSource(ImageReference from) {
    return new FileBlob(digest, size, file, from);
  }
}
