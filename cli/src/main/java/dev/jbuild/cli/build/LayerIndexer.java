package dev.jbuild.cli.build;

import java.io.IOException;

/** Builds the metadata index of an image's filesystem from its layers. */
interface LayerIndexer {
  FsIndex index(StageState image) throws IOException;
}
