package dev.jbuild.cli.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Unpacks a stage's layers into a directory (for COPY --from, name lookups in /etc/passwd, and the
 * local/tar outputs). The same layers are unpacked once per build.
 */
interface RootfsMaterializer {
  Path materialize(StageState state) throws IOException;

  /**
   * Each layer of {@code state} unpacked as an overlay lower dir (whiteouts as 0/0 devices, opaque
   * dirs marked), base first; kept in the store by diffID and shared by later builds.
   */
  List<Path> layerDirs(StageState state) throws IOException;

  /** One layer unpacked as an overlay lower dir, as {@link #layerDirs} does for each. */
  Path layerDir(dev.jbuild.image.Descriptor layer, dev.jbuild.image.Digest diffId)
      throws IOException;

  /**
   * The lower dir of a layer this build wrote from {@code entries} (COPY, ADD, WORKDIR), kept in
   * the store by diffID like {@link #layerDir}; its files are hard links into the store's file
   * pool.
   */
  Path entriesDir(
      dev.jbuild.image.Digest diffId, java.util.List<dev.jbuild.cli.build.copy.FileEntry> entries)
      throws IOException;
}
