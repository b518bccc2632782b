package dev.jbuild.cli.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Unpacks a stage's layers into a directory (for COPY --from, name lookups in /etc/passwd, and the
 * local/tar outputs). The same layers are unpacked once per build.
 */
interface RootfsMaterializer {
  Path materialize(StageState state) throws IOException;
}
