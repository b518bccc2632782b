package dev.jbuild.cli.build;

import java.io.IOException;

/** Builds the metadata index of an image's filesystem from its layers. */
interface LayerIndexer {
  FsIndex index(StageState image) throws IOException;

  /** Applies one more layer's entries (whiteouts and opaque markers included) to {@code fs}. */
  void apply(FsIndex fs, dev.jbuild.image.Descriptor layer) throws IOException;
}
